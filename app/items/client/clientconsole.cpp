// SPDX-License-Identifier: MIT
#include "clientconsole.h"
#include "clientcontroller.h"

#include <diesel/widgets/followtail.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace workbench {

ClientConsole::ClientConsole(QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
{
    m_transcript = new QListView(this);
    m_transcript->setUniformItemSizes(true);
    m_transcript->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_transcript->setToolTip(QStringLiteral("\u2192 sent, \u2190 received, \u231b timed out, "
                                            "\u2716 error; times are the workbench's clock"));

    m_connect = new QPushButton(this);
    m_connect->setToolTip(QStringLiteral("Connect or disconnect this client"));
    m_input = new QLineEdit(this);
    m_input->setPlaceholderText(QStringLiteral("Type a message and press Enter"));
    m_input->setClearButtonEnabled(true);
    m_input->installEventFilter(this);
    m_mode = new QComboBox(this);
    m_mode->addItem(QStringLiteral("Text"));
    m_mode->addItem(QStringLiteral("Hex"));
    m_mode->setToolTip(QStringLiteral("Send the line as text or as hex bytes (\"48 69 0d 0a\")"));
    m_ending = new QComboBox(this);
    m_ending->addItem(QStringLiteral("CRLF"), int(LineEnding::CrLf));
    m_ending->addItem(QStringLiteral("LF"), int(LineEnding::Lf));
    m_ending->addItem(QStringLiteral("None"), int(LineEnding::None));
    m_ending->setToolTip(QStringLiteral("Line ending added to text messages"));
    m_waitReply = new QCheckBox(QStringLiteral("Wait reply"), this);
    m_waitReply->setToolTip(QStringLiteral("Wait for the first of a reply and the timeout after "
                                           "each message"));
    m_timeout = new QDoubleSpinBox(this);
    m_timeout->setRange(0.01, 3600);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_timeout->setToolTip(QStringLiteral("How long to wait for a reply"));
    m_send = new QPushButton(QStringLiteral("Send"), this);
    m_send->setToolTip(QStringLiteral("Send the message (Enter)"));

    m_count = new QSpinBox(this);
    m_count->setRange(0, 100000000);
    m_count->setValue(10);
    m_count->setSpecialValueText(QStringLiteral("\u221e"));
    m_count->setPrefix(QStringLiteral("\u00d7 "));
    m_count->setToolTip(QStringLiteral("How many times to send it (\u221e: until stopped); {n} in "
                                       "the message numbers them"));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setRange(0.01, 10000);
    m_rate->setValue(2);
    m_rate->setSuffix(QStringLiteral(" /s"));
    m_rate->setToolTip(QStringLiteral("Messages per second"));
    m_repeat = new QPushButton(QStringLiteral("Repeat"), this);
    m_repeat->setToolTip(QStringLiteral("Send the message again and again"));
    m_stopRepeat = new QPushButton(QStringLiteral("Stop"), this);
    m_stopRepeat->setToolTip(QStringLiteral("Stop repeating after the current message"));
    m_hex = new QCheckBox(QStringLiteral("Show hex"), this);
    auto *clear = new QPushButton(QStringLiteral("Clear"), this);
    clear->setToolTip(QStringLiteral("Clear the transcript"));

    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_connect);
    sendRow->addWidget(m_input, 1);
    sendRow->addWidget(m_send);
    auto *optionsRow = new QHBoxLayout;
    optionsRow->addWidget(m_mode);
    optionsRow->addWidget(m_ending);
    optionsRow->addWidget(m_waitReply);
    optionsRow->addWidget(m_timeout);
    optionsRow->addStretch(1);
    optionsRow->addWidget(m_hex);
    optionsRow->addWidget(clear);
    auto *repeatRow = new QHBoxLayout;
    repeatRow->addWidget(new QLabel(QStringLiteral("Repeat"), this));
    repeatRow->addWidget(m_count);
    repeatRow->addWidget(m_rate);
    repeatRow->addWidget(m_repeat);
    repeatRow->addWidget(m_stopRepeat);
    repeatRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_transcript, 1);
    layout->addLayout(sendRow);
    layout->addLayout(optionsRow);
    layout->addLayout(repeatRow);

    connect(m_input, &QLineEdit::returnPressed, this, &ClientConsole::sendInput);
    connect(m_send, &QPushButton::clicked, this, &ClientConsole::sendInput);
    connect(m_repeat, &QPushButton::clicked, this, &ClientConsole::repeatInput);
    connect(m_stopRepeat, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->stopRepeat();
    });
    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (!m_controller)
            return;
        if (m_controller->connected() || m_controller->connecting())
            m_controller->stop();
        else
            m_controller->start();
    });
    connect(m_hex, &QCheckBox::toggled, this, [this](bool hex) {
        if (m_controller)
            m_controller->transcript()->setHex(hex);
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->transcript()->clear();
    });
    connect(m_waitReply, &QCheckBox::toggled, this, &ClientConsole::applyReplySettings);
    connect(m_timeout, &QDoubleSpinBox::valueChanged, this, &ClientConsole::applyReplySettings);
    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this](int mode) { m_ending->setEnabled(mode == 0); });
    setController(nullptr);
}

void ClientConsole::loadController(ClientController *controller)
{
    if (controller) {
        m_transcript->setModel(controller->transcript());
        delete m_tail;
        m_tail = new diesel::widgets::FollowTail(m_transcript, this);
        m_transcript->scrollToBottom();
        const QSignalBlocker b1(m_waitReply);
        const QSignalBlocker b2(m_timeout);
        m_waitReply->setChecked(controller->spec().waitForReply);
        m_timeout->setValue(controller->spec().replyTimeout);
        m_ending->setCurrentIndex(m_ending->findData(int(controller->spec().lineEnding)));
        if (m_input->text().isEmpty() && !controller->spec().repeat.message.isEmpty())
            m_input->setText(controller->spec().repeat.message);
    } else {
        delete m_tail;
        m_tail = nullptr;
        m_transcript->setModel(nullptr);
    }
}

bool ClientConsole::eventFilter(QObject *watched, QEvent *event)
{
    // Up and Down walk through the messages sent before, as in a shell.
    if (watched == m_input && event->type() == QEvent::KeyPress && !m_history.isEmpty()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            m_historyPos =
                std::clamp(m_historyPos + (key == Qt::Key_Up ? -1 : 1), 0, int(m_history.size()));
            m_input->setText(m_historyPos < m_history.size() ? m_history[m_historyPos] : QString());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ClientConsole::applyReplySettings()
{
    if (!m_controller)
        return;
    ClientSpec spec = m_controller->spec();
    spec.waitForReply = m_waitReply->isChecked();
    spec.replyTimeout = m_timeout->value();
    m_controller->setSpec(spec);
}

bool ClientConsole::sendInput()
{
    if (!m_controller)
        return false;
    const QString text = m_input->text();
    const bool ok = m_mode->currentIndex() == 1
                        ? m_controller->sendHex(text)
                        : m_controller->sendText(text, LineEnding(m_ending->currentData().toInt()));
    if (ok && !text.isEmpty()) {
        m_history.removeAll(text);
        m_history.append(text);
        m_historyPos = int(m_history.size());
        m_input->clear();
    }
    return ok;
}

bool ClientConsole::repeatInput()
{
    if (!m_controller)
        return false;
    return m_controller->repeat(m_input->text(), LineEnding(m_ending->currentData().toInt()),
                                m_count->value(), 1.0 / m_rate->value());
}

void ClientConsole::refresh()
{
    if (!m_controller) {
        m_connect->setText(QStringLiteral("Connect"));
        return;
    }
    const bool up = m_controller->connected() || m_controller->connecting();
    m_connect->setText(up ? QStringLiteral("Disconnect") : QStringLiteral("Connect"));
    m_send->setEnabled(up);
    m_repeat->setEnabled(up && !m_controller->repeating());
    m_stopRepeat->setEnabled(m_controller->repeating());
}

} // namespace workbench
