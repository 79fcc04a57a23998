// SPDX-License-Identifier: MIT
// The Riak item's Properties: the node (host, port), the request timeout, Start and Stop, its
// state with the error next to it, and a summary line.
#pragma once

#include "itempanel.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace workbench {

class RiakController;
struct RiakSpec;
class StateLine;
class WorkspaceController;

class RiakEditor : public ItemPanel<RiakController>
{
    Q_OBJECT

public:
    explicit RiakEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    /// The settings in the fields.
    RiakSpec editedSpec() const;
    /// Applies the fields (a started item restarts); false when they are not valid.
    bool apply();
    /// The error shown next to the item ("" : none).
    QString errorText() const;

private:
    void loadController(RiakController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLabel *m_summary;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QDoubleSpinBox *m_timeout;
    QCheckBox *m_autostart;
};

} // namespace workbench
