// SPDX-License-Identifier: MIT
// The properties panel: the editor of the item selected in the workspace (each kind's editor,
// made through the registry), or a hint when none is selected.
#pragma once

#include "confirm.h"

#include <QWidget>

#include <map>

class QLabel;
class QStackedWidget;

namespace workbench {

class ItemController;
class ItemWidget;
class WorkspaceController;

class PropertiesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PropertiesPanel(WorkspaceController &workspace, QWidget *parent = nullptr);
    /// Narrow: the Loops and the traffic need the room.
    QSize sizeHint() const override { return QSize(300, 480); }

    void setConfirm(const Confirm &confirm);
    /// Shows the editor of `item` (nullptr: the hint).
    void showItem(ItemController *item);
    ItemController *item() const noexcept { return m_item; }
    /// The editor of a kind ("service", ...), or nullptr.
    ItemWidget *editor(const QString &type) const;

private:
    QWidget *addPage(QWidget *page);

    QStackedWidget *m_stack;
    QLabel *m_hint;
    std::map<QString, std::pair<ItemWidget *, QWidget *>> m_editors; // type -> editor, its page
    ItemController *m_item = nullptr;
};

} // namespace workbench
