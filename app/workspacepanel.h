// SPDX-License-Identifier: MIT
// The workspace panel: the tree of what the person built, with buttons (and a context menu) to
// add Services, Clients and Queues and to start, stop and remove the selected item.
#pragma once

#include "confirm.h"

#include <QWidget>

class QAction;
class QTreeView;

namespace workbench {

class ItemController;
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

    QAction *addTcpServiceAction() const { return m_addTcp; }
    QAction *addUdpServiceAction() const { return m_addUdp; }
    QAction *addClientAction() const { return m_addClient; }
    QAction *addQueueAction() const { return m_addQueue; }
    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    QAction *removeAction() const { return m_remove; }

public Q_SLOTS:
    void addTcpService();
    void addUdpService();
    void addClient();
    void addQueue();
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
    QAction *m_addTcp;
    QAction *m_addUdp;
    QAction *m_addClient;
    QAction *m_addQueue;
    QAction *m_start;
    QAction *m_stop;
    QAction *m_remove;
};

} // namespace workbench
