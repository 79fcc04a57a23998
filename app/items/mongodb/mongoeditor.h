// SPDX-License-Identifier: MIT
// The MongoDB item's Properties: the connection string, the request timeout, Start and Stop, its
// state with the error next to it, and a summary line.
#pragma once

#include "itempanel.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace workbench {

class MongoController;
struct MongoSpec;
class StateLine;
class WorkspaceController;

class MongoEditor : public ItemPanel<MongoController>
{
    Q_OBJECT

public:
    explicit MongoEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    /// The settings in the fields.
    MongoSpec editedSpec() const;
    /// Applies the fields (a started item restarts); false when they are not valid.
    bool apply();
    /// The error shown next to the item ("" : none).
    QString errorText() const;

private:
    void loadController(MongoController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLabel *m_summary;
    QLineEdit *m_name;
    QLineEdit *m_uri;
    QDoubleSpinBox *m_timeout;
    QCheckBox *m_autostart;
};

} // namespace workbench
