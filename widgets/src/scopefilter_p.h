// SPDX-License-Identifier: MIT
// The filter the Traffic view's tables share: the rows of one Service or Client, or of one
// connection. A row without a connection (a marker of the transcript) always passes.
#pragma once

#include <diesel/core/types.h>

#include <QSortFilterProxyModel>

namespace diesel::widgets {

class ScopeFilterProxy : public QSortFilterProxyModel
{
public:
    // Reads a row's connection and owner from these roles of its first column.
    ScopeFilterProxy(int connectionRole, int ownerRole, QObject *parent)
        : QSortFilterProxyModel(parent)
        , m_connectionRole(connectionRole)
        , m_ownerRole(ownerRole)
    {}

    void setOwner(const QString &owner)
    {
        m_owner = owner;
        invalidateRowsFilter();
    }
    void setConnection(ConnectionId id)
    {
        m_connection = id;
        invalidateRowsFilter();
    }
    ConnectionId connection() const { return m_connection; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_owner.isEmpty() && m_connection == 0)
            return true;
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        const ConnectionId id = index.data(m_connectionRole).toULongLong();
        if (id == 0)
            return true;
        if (m_connection != 0)
            return id == m_connection;
        return index.data(m_ownerRole).toString() == m_owner;
    }

private:
    int m_connectionRole;
    int m_ownerRole;
    QString m_owner;
    ConnectionId m_connection = 0;
};

} // namespace diesel::widgets
