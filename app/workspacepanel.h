// SPDX-License-Identifier: MIT
// The workspace panel: the tree of what the person built, with buttons (and a context menu) to
// add items of every registered kind and to start, stop and remove the selected item.
#pragma once

#include "confirm.h"

#include <QList>
#include <QWidget>

class QAction;
class QTreeView;

namespace workbench {

class ItemController;
struct NewItemAction;
class WorkspaceController;
class WorkspaceModel;

class WorkspacePanel : public QWidget
{
    Q_OBJECT

public:
    explicit WorkspacePanel(WorkspaceController &workspace, QWidget *parent = nullptr);
    /// Narrow: the Loops and the traffic need the room.
    QSize sizeHint() const override { return QSize(260, 480); }

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    WorkspaceModel &model() const noexcept { return *m_model; }
    QTreeView *tree() const noexcept { return m_tree; }
    ItemController *selectedItem() const;
    void selectItem(ItemController *item);

    /// The "New ..." actions of every kind, in the tree's order.
    const QList<QAction *> &newItemActions() const noexcept { return m_newItems; }
    /// The "New ..." action with this id ("service.tcp", "client", ...), or nullptr.
    QAction *newItemAction(const QString &id) const;
    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    QAction *removeAction() const { return m_remove; }

public Q_SLOTS:
    /// Adds a new item as the kind's action says, and selects it.
    ItemController *addNew(const workbench::NewItemAction &action);
    void startSelected();
    void stopSelected();
    void removeSelected();

Q_SIGNALS:
    /// The selection changed (nullptr: a group or nothing).
    void itemSelected(workbench::ItemController *item);
    /// The person double-clicked an item: look inside it.
    void itemActivated(workbench::ItemController *item);

private:
    void updateActions();

    WorkspaceController &m_workspace;
    WorkspaceModel *m_model;
    QTreeView *m_tree;
    Confirm m_confirm;
    QList<QAction *> m_newItems;
    QAction *m_start;
    QAction *m_stop;
    QAction *m_remove;
};

} // namespace workbench
