// SPDX-License-Identifier: MIT
// The Queue panel: its name, capacity and consumer Loops; its size; take an item or clear it.
#pragma once

#include "itempanel.h"

#include <QTimer>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace workbench {

class QueueController;
class StateLine;
class WorkspaceController;

class QueueEditor : public ItemPanel<QueueController>
{
    Q_OBJECT

public:
    explicit QueueEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    bool apply();

private:
    void loadController(QueueController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_size;
    QLabel *m_taken;
    QLineEdit *m_name;
    QSpinBox *m_capacity;
    QSpinBox *m_consumers;
    QDoubleSpinBox *m_delay;
    QTimer m_timer;
};

} // namespace workbench
