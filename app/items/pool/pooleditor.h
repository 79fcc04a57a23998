// SPDX-License-Identifier: MIT
// The Pool's Properties: its target and limits, the actors, Start and Stop, the live counters
// (idle, in use, waiting, created, discarded, closed) and the newest actor error.
#pragma once

#include "itempanel.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace workbench {

class PoolController;
struct PoolSpec;
class StateLine;
class WorkspaceController;

class PoolEditor : public ItemPanel<PoolController>
{
    Q_OBJECT

public:
    explicit PoolEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    /// The settings in the fields.
    PoolSpec editedSpec() const;
    /// Applies the fields (a running Pool restarts); false when they are not valid.
    bool apply();
    /// The counters line as shown: "idle 2 · in use 1 · waiting 0 · ...".
    QString countersText() const;

private:
    void loadController(PoolController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLabel *m_counters;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QCheckBox *m_tls;
    QCheckBox *m_verify;
    QSpinBox *m_poolSize;
    QSpinBox *m_poolMax;
    QDoubleSpinBox *m_maxWait;
    QSpinBox *m_actors;
    QLineEdit *m_message;
    QDoubleSpinBox *m_interval;
    QCheckBox *m_autostart;
};

} // namespace workbench
