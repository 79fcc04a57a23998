// SPDX-License-Identifier: MIT
// The Service panel: edits one workspace Service (transport, interface, port, behaviour and the
// item it links to, TLS), starts and stops it, and shows its state and errors next to it. For a
// broker it adds subscriber and publisher Clients with one click.
#pragma once

#include "confirm.h"
#include "itempanel.h"
#include "servicespec.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace workbench {

class FaultEditor;
class ClientController;
class ScriptEditor;
class ServiceController;
class StateLine;
class WorkspaceController;

class ServiceEditor : public ItemPanel<ServiceController>
{
    Q_OBJECT

public:
    explicit ServiceEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    /// Asked before exposing a port on every interface or dropping connections.
    void setConfirm(const Confirm &confirm) override { m_confirm = confirm; }

    /// The settings as the fields show them.
    ServiceSpec editedSpec() const;
    /// Fills the fields (without asking anything).
    void setFields(const ServiceSpec &spec);
    /// Gives the fields to the Service (it restarts if running); false if the person declined.
    bool apply();
    /// Applies pending edits, then starts; false if it could not (see errorText()).
    bool startService();
    void stopService();
    /// The error shown in the panel ("" when none).
    QString errorText() const;
    /// The Script group (shown while the behaviour is Script).
    ScriptEditor *scriptEditor() const { return m_script; }
    /// The items the behaviour can link to, as the link box offers them: (name, id).
    QList<QPair<QString, QString>> linkChoices() const;
    /// Picks the linked item by id (as a person picks it in the link box).
    void setLink(const QString &id);
    /// Adds a subscriber or publisher Client on the channel of the broker bar; nullptr when the
    /// broker is not running.
    ClientController *addSubscriber();
    ClientController *addPublisher();

private:
    void loadController(ServiceController *controller) override;
    void refresh() override;
    void updateEnabled();
    /// Offers the items `behaviour` links to, selecting `current` (kept, as missing, when gone).
    void fillLinks(Behaviour behaviour, const QString &current);
    void onBehaviourChosen();
    void onInterfaceChosen();
    void suggestPort();
    void browse(QLineEdit *edit, const QString &title);

    WorkspaceController &m_workspace;
    Confirm m_confirm;
    QString m_lastIface;
    StateLine *m_state;
    QLabel *m_error;
    QLabel *m_details;
    QLineEdit *m_name;
    QComboBox *m_transport;
    QComboBox *m_iface;
    QSpinBox *m_port;
    QToolButton *m_nextFree;
    QComboBox *m_behaviour;
    QLabel *m_linkLabel;
    QComboBox *m_link;
    QLineEdit *m_channel;
    QWidget *m_brokerBar;
    QLineEdit *m_brokerChannel;
    QPushButton *m_addSubscriber;
    QPushButton *m_addPublisher;
    QComboBox *m_tls;
    QLineEdit *m_cert;
    QLineEdit *m_key;
    QToolButton *m_certBrowse;
    QToolButton *m_keyBrowse;
    QCheckBox *m_autostart;
    QSpinBox *m_idleTimeout;
    QSpinBox *m_minRate;
    FaultEditor *m_faults;
    ScriptEditor *m_script;
    QPushButton *m_apply;
    QPushButton *m_start;
    QPushButton *m_stop;
};

} // namespace workbench
