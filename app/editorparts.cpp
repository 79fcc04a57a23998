// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "workspace.h"
#include "workspacemodel.h"

#include <diesel/widgets/visuals.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

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

void showState(StateLine *line, QLabel *error, const ItemController &item, const QString &title)
{
    const ItemState state = item.state();
    line->display(state, title);
    error->setText(state == ItemState::Error ? item.errorText() : QString());
    error->setVisible(state == ItemState::Error);
}

QFormLayout *makeForm()
{
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    return form;
}

QPushButton *makeApplyButton(QWidget *parent, const QString &toolTip)
{
    auto *apply = new QPushButton(QStringLiteral("&Apply"), parent);
    apply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    if (!toolTip.isEmpty())
        apply->setToolTip(toolTip);
    return apply;
}

QComboBox *makeTransportBox(QWidget *parent, const QString &toolTip)
{
    auto *box = new QComboBox(parent);
    box->addItem(QStringLiteral("TCP"), int(Transport::Tcp));
    box->addItem(QStringLiteral("UDP"), int(Transport::Udp));
    box->setToolTip(toolTip);
    return box;
}

StartStopButtons addButtonRow(QBoxLayout *layout, QWidget *parent, QPushButton *apply,
                              const QString &startText, std::function<void()> start,
                              const QString &stopText, std::function<void()> stop)
{
    auto *startButton =
        new QPushButton(parent->style()->standardIcon(QStyle::SP_MediaPlay), startText, parent);
    auto *stopButton =
        new QPushButton(parent->style()->standardIcon(QStyle::SP_MediaStop), stopText, parent);
    auto *row = new QHBoxLayout;
    row->addWidget(apply);
    row->addStretch(1);
    row->addWidget(startButton);
    row->addWidget(stopButton);
    layout->addLayout(row);
    QObject::connect(startButton, &QPushButton::clicked, parent, std::move(start));
    QObject::connect(stopButton, &QPushButton::clicked, parent, std::move(stop));
    return {startButton, stopButton};
}

} // namespace workbench
