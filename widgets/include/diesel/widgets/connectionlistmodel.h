// SPDX-License-Identifier: MIT
// The connections seen by the traffic capture: open ones and the most recently closed ones.
#pragma once

#include <diesel/widgets/export.h>
#include <diesel/widgets/trafficrecorder.h>

#include <QAbstractTableModel>
#include <QStringList>

#include <unordered_map>
#include <vector>

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT ConnectionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ColId, ColOwner, ColState, ColPeer, ColIn, ColOut, ColumnCount };
    enum Role {
        ConnectionIdRole = Qt::UserRole + 40, ///< quint64
        OwnerRole,                            ///< the Service or Client it belongs to
        OpenRole,                             ///< bool
    };

    explicit ConnectionListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Adds new connections and updates known ones.
    void ingest(const std::vector<ConnectionRecord> &records);
    void clear();
    /// The row of a connection, or -1.
    int rowOf(ConnectionId id) const;
    const ConnectionRecord &record(int row) const { return m_rows[std::size_t(row)]; }
    /// Every owner seen, in the order first seen.
    const QStringList &owners() const noexcept { return m_owners; }
    /// Closed connections in the list.
    std::size_t closedCount() const noexcept { return m_closed; }
    /// Closed connections kept (default 500); older ones are dropped.
    void setMaxClosed(std::size_t closed) { m_maxClosed = closed; }

Q_SIGNALS:
    void ownerAdded(const QString &owner);

private:
    void dropOldClosed();
    std::vector<ConnectionRecord> m_rows;
    std::unordered_map<ConnectionId, std::size_t> m_index;
    QStringList m_owners;
    std::size_t m_closed = 0;
    std::size_t m_maxClosed = 500;
};

} // namespace diesel::widgets
