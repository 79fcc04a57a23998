// SPDX-License-Identifier: MIT
#include <diesel/widgets/glyphicon.h>
#include <diesel/widgets/messagebar.h>
#include <diesel/widgets/visuals.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace diesel::widgets {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_icon = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(QStringLiteral("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    m_hide.setSingleShot(true);
    m_hide.setInterval(10000);
    connect(&m_hide, &QTimer::timeout, this, &MessageBar::dismiss);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    QColor color;
    Glyph glyph = Glyph::Dot;
    switch (kind) {
    case Kind::Info:
        color = stateColor(VisualState::WaitingIo);
        break;
    case Kind::Warning:
        color = stateColor(VisualState::Ready);
        glyph = Glyph::Bang;
        break;
    case Kind::Error:
        color = stateColor(VisualState::Dead);
        glyph = Glyph::Bang;
        break;
    }
    QPalette pal = palette();
    pal.setColor(QPalette::Window, blend(palette().color(QPalette::Base), color, 0.22));
    setPalette(pal);
    const int side = fontMetrics().height() + 4;
    m_icon->setPixmap(glyphIcon(color, glyph).pixmap(QSize(side, side), devicePixelRatioF()));
    m_text->setText(text);
    show();
    Q_EMIT visibilityChanged(true);
    if (kind == Kind::Info)
        m_hide.start();
    else
        m_hide.stop();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::dismiss()
{
    hide();
    Q_EMIT visibilityChanged(false);
}

} // namespace diesel::widgets
