// SPDX-License-Identifier: MIT
// The workspace as a tree for the workspace panel: the groups every registered kind declares
// (TCP Services, UDP Services, Clients, Pools, Queues, ...) with their items, each with an icon
// for its state (stopped, running, error).
#pragma once

#include "itemcontroller.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QTimer>

#include <vector>

namespace workbench {

class WorkspaceController;

class WorkspaceModel : public QAbstractItemModel
{
    Q_OBJECT

public:
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
    /// The group with this title ("TCP Services"); invalid when there is none.
    QModelIndex groupIndex(const QString &title) const;
    /// The group an item belongs in (a row of the root; -1: its kind has no group yet).
    int groupOf(const ItemController *item) const;
    /// The icon of an item state, the same wherever items are shown.
    static QIcon stateIcon(ItemState state);

private:
    void onAdded(ItemController *item);
    void onRemoved(ItemController *item);
    void onChanged(ItemController *item);
    void refreshCounts();

    QModelIndex groupIndex(int group) const;
    int ensureGroup(const ItemController *item);

    // A group of the tree: its kind, its index in the kind's groups, its items.
    struct Group
    {
        QString type;
        int index = 0;
        QString title;
        QIcon icon;
        std::vector<ItemController *> members;
    };
    WorkspaceController &m_workspace;
    std::vector<Group> m_groups;
    QTimer m_refresh;
};

} // namespace workbench
