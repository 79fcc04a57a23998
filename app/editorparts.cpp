// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "workspacemodel.h"

#include <diesel/widgets/visuals.h>

#include <QHBoxLayout>
#include <QLabel>

namespace workbench {

StateLine::StateLine(QWidget *parent)
    : QWidget(parent)
{
    m_icon = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
}

void StateLine::display(ItemState state, const QString &title)
{
    const int side = fontMetrics().height() + 2;
    m_icon->setPixmap(
        WorkspaceModel::stateIcon(state).pixmap(QSize(side, side), devicePixelRatioF()));
    m_icon->show();
    m_text->setText(
        QStringLiteral("<b>%1</b> \u2014 %2").arg(title.toHtmlEscaped(), toString(state)));
}

void StateLine::displayText(const QString &text)
{
    m_icon->hide();
    m_text->setText(text.toHtmlEscaped());
}

QString StateLine::text() const
{
    return m_text->text();
}

QLabel *makeErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText,
                 diesel::widgets::stateColor(diesel::widgets::VisualState::Dead));
    label->setPalette(pal);
    label->hide();
    return label;
}

} // namespace workbench
