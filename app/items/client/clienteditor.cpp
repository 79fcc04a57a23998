// SPDX-License-Identifier: MIT
#include "clientcontroller.h"
#include "clienteditor.h"
#include "editorparts.h"
#include "faulteditor.h"
#include "workspacecontroller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace workbench {

ClientEditor::ClientEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_name = new QLineEdit(this);
    m_transport =
        makeTransportBox(this, QStringLiteral("TCP: diesel::Client; UDP: diesel::UDPClient"));
    m_host = new QLineEdit(this);
    m_host->setToolTip(QStringLiteral("A name or an address; names resolve without blocking"));
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_tls = new QCheckBox(QStringLiteral("TLS"), this);
    m_verify = new QCheckBox(QStringLiteral("verify the certificate"), this);
    m_verify->setToolTip(QStringLiteral("Check the server's chain and name against the system's "
                                        "trust store (off for self-signed test servers)"));
    auto *tlsRow = new QHBoxLayout;
    tlsRow->addWidget(m_tls);
    tlsRow->addWidget(m_verify);
    tlsRow->addStretch(1);
    m_ending = new QComboBox(this);
    m_ending->addItem(QStringLiteral("CRLF (\\r\\n)"), int(LineEnding::CrLf));
    m_ending->addItem(QStringLiteral("LF (\\n)"), int(LineEnding::Lf));
    m_ending->addItem(QStringLiteral("None"), int(LineEnding::None));
    m_waitReply = new QCheckBox(QStringLiteral("wait for a reply"), this);
    m_waitReply->setToolTip(QStringLiteral("After each message, wait for the first of a reply "
                                           "line (or datagram) and the timeout: the guide's "
                                           "first(sleep=..., until_eol=True)"));
    m_timeout = new QDoubleSpinBox(this);
    m_timeout->setRange(0.01, 3600);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_autoconnect = new QCheckBox(QStringLiteral("Connect with the workspace"), this);
    m_repeat = new QCheckBox(QStringLiteral("repeat a message on connect"), this);
    m_repeatMessage = new QLineEdit(this);
    m_repeatMessage->setPlaceholderText(QStringLiteral("message; {n} numbers it"));
    m_repeatCount = new QSpinBox(this);
    m_repeatCount->setRange(0, 100000000);
    m_repeatCount->setSpecialValueText(QStringLiteral("until stopped"));

    m_repeatInterval = new QDoubleSpinBox(this);
    m_repeatInterval->setRange(0.001, 86400);
    m_repeatInterval->setDecimals(3);
    m_repeatInterval->setSuffix(QStringLiteral(" s"));

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Transport"), m_transport);
    form->addRow(QStringLiteral("&Host"), m_host);
    form->addRow(QStringLiteral("&Port"), m_port);
    form->addRow(QString(), tlsRow);
    form->addRow(QStringLiteral("Line &ending"), m_ending);
    form->addRow(QString(), m_waitReply);
    form->addRow(QStringLiteral("T&imeout"), m_timeout);
    form->addRow(QString(), m_autoconnect);
    form->addRow(QString(), m_repeat);
    form->addRow(QStringLiteral("&Message"), m_repeatMessage);
    form->addRow(QStringLiteral("Times"), m_repeatCount);
    form->addRow(QStringLiteral("Every"), m_repeatInterval);

    m_faults = new FaultEditor(this);

    m_apply = makeApplyButton(this, QStringLiteral("Use these settings (Ctrl+Return)"));
    m_connect = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay),
                                QStringLiteral("&Connect"), this);
    m_disconnect = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop),
                                   QStringLiteral("&Disconnect"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_connect);
    buttons->addWidget(m_disconnect);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_faults); // below the buttons: Start and Stop stay in a small window
    layout->addStretch(1);

    connect(m_tls, &QCheckBox::toggled, m_verify, &QWidget::setEnabled);
    connect(m_apply, &QPushButton::clicked, this, &ClientEditor::apply);
    connect(m_connect, &QPushButton::clicked, this, &ClientEditor::connectClient);
    connect(m_disconnect, &QPushButton::clicked, this, &ClientEditor::disconnectClient);
    setController(nullptr);
}

void ClientEditor::loadController(ClientController *controller)
{
    if (controller)
        setFields(controller->spec());
}

ClientSpec ClientEditor::editedSpec() const
{
    ClientSpec spec = m_controller ? m_controller->spec() : ClientSpec{};
    spec.name = m_name->text().trimmed();
    spec.transport = Transport(m_transport->currentData().toInt());
    spec.host = m_host->text().trimmed();
    spec.port = std::uint16_t(m_port->value());
    spec.tls = m_tls->isChecked();
    spec.verifyPeer = m_verify->isChecked();
    spec.lineEnding = LineEnding(m_ending->currentData().toInt());
    spec.waitForReply = m_waitReply->isChecked();
    spec.replyTimeout = m_timeout->value();
    spec.autoconnect = m_autoconnect->isChecked();
    spec.repeat.enabled = m_repeat->isChecked();
    spec.repeat.message = m_repeatMessage->text();
    spec.repeat.count = m_repeatCount->value();
    spec.repeat.interval = m_repeatInterval->value();
    spec.faults = m_faults->spec();
    return spec;
}

void ClientEditor::setFields(const ClientSpec &spec)
{
    m_name->setText(spec.name);
    m_transport->setCurrentIndex(m_transport->findData(int(spec.transport)));
    m_host->setText(spec.host);
    m_port->setValue(spec.port);
    m_tls->setChecked(spec.tls);
    m_verify->setChecked(spec.verifyPeer);
    m_verify->setEnabled(spec.tls);
    m_ending->setCurrentIndex(m_ending->findData(int(spec.lineEnding)));
    m_waitReply->setChecked(spec.waitForReply);
    m_timeout->setValue(spec.replyTimeout);
    m_autoconnect->setChecked(spec.autoconnect);
    m_repeat->setChecked(spec.repeat.enabled);
    m_repeatMessage->setText(spec.repeat.message);
    m_repeatCount->setValue(spec.repeat.count);
    m_repeatInterval->setValue(spec.repeat.interval);
    m_faults->setSpec(spec.faults);
}

bool ClientEditor::apply()
{
    if (!m_controller)
        return false;
    const ClientSpec spec = editedSpec();
    if (spec == m_controller->spec())
        return true;
    if (spec.name.isEmpty() || spec.host.isEmpty()) {
        m_error->setText(QStringLiteral("A Client needs a name and a host."));
        m_error->show();
        return false;
    }
    m_controller->setSpec(spec);
    m_workspace.markModified();
    return true;
}

bool ClientEditor::connectClient()
{
    if (!m_controller || !apply())
        return false;
    return m_controller->start();
}

void ClientEditor::disconnectClient()
{
    if (m_controller)
        m_controller->stop();
}

void ClientEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select a Client in the workspace"));
        m_error->hide();
        return;
    }
    showState(m_state, m_error, *m_controller, m_controller->summary());
    const bool up = m_controller->connected() || m_controller->connecting();
    m_connect->setEnabled(!up);
    m_disconnect->setEnabled(up);
}

} // namespace workbench
