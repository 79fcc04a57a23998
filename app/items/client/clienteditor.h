// SPDX-License-Identifier: MIT
// The Client panel's settings: transport, host, port, TLS, replies, the repeat started on connect;
// connect and disconnect. The console (clientconsole.h) sends and shows the transcript.
#pragma once

#include "clientspec.h"
#include "itempanel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace workbench {

class ClientController;
class FaultEditor;
class StateLine;
class WorkspaceController;

class ClientEditor : public ItemPanel<ClientController>
{
    Q_OBJECT

public:
    explicit ClientEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    ClientSpec editedSpec() const;
    void setFields(const ClientSpec &spec);
    /// Gives the fields to the Client (it reconnects if its peer changed).
    bool apply();
    bool connectClient();
    void disconnectClient();

private:
    void loadController(ClientController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLineEdit *m_name;
    QComboBox *m_transport;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QCheckBox *m_tls;
    QCheckBox *m_verify;
    QComboBox *m_ending;
    QCheckBox *m_waitReply;
    QDoubleSpinBox *m_timeout;
    QCheckBox *m_autoconnect;
    QCheckBox *m_repeat;
    QLineEdit *m_repeatMessage;
    QSpinBox *m_repeatCount;
    QDoubleSpinBox *m_repeatInterval;
    FaultEditor *m_faults;
    QPushButton *m_apply;
    QPushButton *m_connect;
    QPushButton *m_disconnect;
};

} // namespace workbench
