// SPDX-License-Identifier: MIT
// The Redis item's Properties: server (or Sentinel master and Sentinels, or Cluster seeds),
// database, AUTH, TLS, whether it launches a redis-server of its own, Connect and Disconnect, its
// state and the reason it cannot connect.
#pragma once

#include "itempanel.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace workbench {

class RedisController;
struct RedisSpec;
class StateLine;
class WorkspaceController;

class RedisEditor : public ItemPanel<RedisController>
{
    Q_OBJECT

public:
    explicit RedisEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    /// The settings in the fields.
    RedisSpec editedSpec() const;
    /// Applies the fields (a connected item reconnects); false when they are not valid.
    bool apply();
    /// The error shown next to the item ("" : none shown).
    QString shownError() const;

private:
    void loadController(RedisController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QSpinBox *m_db;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QCheckBox *m_tls;
    QCheckBox *m_verify;
    QLineEdit *m_sentinelMaster;
    QLineEdit *m_sentinels;
    QLineEdit *m_cluster;
    QCheckBox *m_autostart;
    QCheckBox *m_launch;
};

} // namespace workbench
