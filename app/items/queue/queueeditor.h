// SPDX-License-Identifier: MIT
// The Queue panel: its name and capacity, its producers (count, rate, message) and consumers
// (count, work time, drop or send through a Pool picked from the workspace); its live numbers
// (depth, blocked producers, produced, consumed, failed, the last reply); take an item or clear.
#pragma once

#include "itempanel.h"
#include "queuespec.h"

#include <QTimer>

class QComboBox;
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

    /// The settings in the fields.
    QueueSpec editedSpec() const;
    /// Applies the fields (running producers and consumers restart); false when they are not
    /// valid (no name, or consumers that send through a Pool with no Pool picked).
    bool apply();
    /// The live numbers as shown: "depth 3 of 5 · ...".
    QString numbersText() const;

private:
    void loadController(QueueController *controller) override;
    void refresh() override;
    /// Lists the workspace's Pools in the picker, keeping `selected` (shown as missing when no
    /// Pool has that id); `leaving` is a Pool being removed.
    void fillPools(const QString &selected, const ItemController *leaving = nullptr);
    void updateEnabled();

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLabel *m_numbers;
    QLabel *m_taken;
    QLineEdit *m_name;
    QSpinBox *m_capacity;
    QSpinBox *m_producers;
    QDoubleSpinBox *m_rate;
    QLineEdit *m_message;
    QSpinBox *m_consumers;
    QDoubleSpinBox *m_workTime;
    QComboBox *m_action;
    QComboBox *m_pool;
    QTimer m_timer;
};

} // namespace workbench
