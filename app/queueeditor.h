// SPDX-License-Identifier: MIT
// The Queue panel: its name, capacity and consumer Loops; its size; take an item or clear it.
#pragma once

#include <QTimer>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace workbench {

class QueueController;
class StateLine;
class WorkspaceController;

class QueueEditor : public QWidget
{
    Q_OBJECT

public:
    explicit QueueEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    void setController(QueueController *controller);
    QueueController *controller() const { return m_controller; }
    bool apply();

private:
    void refresh();

    WorkspaceController &m_workspace;
    QueueController *m_controller = nullptr;
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
