// SPDX-License-Identifier: MIT
// The workspace as a tree for the workspace panel: groups (TCP Services, UDP Services, Clients,
// Queues) with their items, each with an icon for its state (stopped, running, error).
#pragma once

#include "itemcontroller.h"

#include <QAbstractItemModel>
#include <QTimer>

#include <array>
#include <vector>

namespace workbench {

class WorkspaceController;

class WorkspaceModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Group { TcpServices, UdpServices, Clients, Queues, GroupCount };
    enum Role { ItemRole = Qt::UserRole + 1, StateRole };

    explicit WorkspaceModel(WorkspaceController &workspace, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// The item at an index (nullptr for groups).
    static ItemController *itemAt(const QModelIndex &index);
    QModelIndex indexOf(ItemController *item) const;
    QModelIndex groupIndex(Group group) const;
    /// The group an item belongs in.
    static Group groupOf(const ItemController *item);
    /// The icon of an item state, the same wherever items are shown.
    static QIcon stateIcon(ItemState state);

private:
    void onAdded(ItemController *item);
    void onRemoved(ItemController *item);
    void onChanged(ItemController *item);
    void refreshCounts();

    WorkspaceController &m_workspace;
    std::array<std::vector<ItemController *>, GroupCount> m_groups;
    QTimer m_refresh;
};

} // namespace workbench
