// SPDX-License-Identifier: MIT
#include <diesel/widgets/connectionlistmodel.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/glyphicon.h>
#include <diesel/widgets/visuals.h>

namespace diesel::widgets {

ConnectionListModel::ConnectionListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == ColOwner)
        return QStringLiteral("The Service or Client the connection belongs to");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ColId:
        return QStringLiteral("#");
    case ColOwner:
        return QStringLiteral("Owner");
    case ColPeer:
        return QStringLiteral("Peer");
    case ColState:
        return QStringLiteral("State");
    case ColIn:
        return QStringLiteral("In");
    case ColOut:
        return QStringLiteral("Out");
    }
    return {};
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const ConnectionRecord &r = m_rows[std::size_t(index.row())];
    const QString transport = QString::fromUtf8(to_string(r.info.transport).data());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ColId:
            return QString::number(r.info.id);
        case ColOwner:
            return QString::fromStdString(r.info.owner);
        case ColPeer:
            return r.info.peer.valid() ? QString::fromStdString(r.info.peer.to_string())
                                       : transport + QStringLiteral(" (any peer)");
        case ColState: {
            const QString state = r.open ? QStringLiteral("open") : QStringLiteral("closed");
            return r.info.faults ? state + QStringLiteral(" \u00b7 faults") : state;
        }
        case ColIn:
            return humanBytes(r.bytesIn);
        case ColOut:
            return humanBytes(r.bytesOut);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ColState: {
            QString text = r.open ? QStringLiteral("open since %1").arg(clockText(r.opened))
                                  : QStringLiteral("closed at %1: %2")
                                        .arg(clockText(r.closed), QString::fromStdString(r.reason));
            if (r.info.faults)
                text += QStringLiteral("\ninjecting faults") +
                        (r.fault.empty() ? QString()
                                         : QStringLiteral(" (") + QString::fromStdString(r.fault) +
                                               QStringLiteral(")"));
            return text;
        }
        case ColIn:
            return exactNumber(r.bytesIn) + QStringLiteral(" bytes received");
        case ColOut:
            return exactNumber(r.bytesOut) + QStringLiteral(" bytes sent");
        default:
            return QStringLiteral("#%1 %2 %3, local %4, peer %5")
                .arg(r.info.id)
                .arg(QString::fromStdString(r.info.owner), transport,
                     QString::fromStdString(r.info.local.to_string()),
                     QString::fromStdString(r.info.peer.to_string()));
        }
    case Qt::DecorationRole:
        if (index.column() == ColState) {
            static const QIcon open = glyphIcon(stateColor(VisualState::Running), Glyph::Plug);
            static const QIcon closed = glyphIcon(QColor(0x90, 0x90, 0x90), Glyph::Square);
            return r.open ? open : closed;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == ColIn)
            return directionColor(Direction::In);
        if (index.column() == ColOut)
            return directionColor(Direction::Out);
        break;
    case ConnectionIdRole:
        return QVariant::fromValue<qulonglong>(r.info.id);
    case OwnerRole:
        return QString::fromStdString(r.info.owner);
    case OpenRole:
        return r.open;
    }
    return {};
}

int ConnectionListModel::rowOf(ConnectionId id) const
{
    const auto it = m_index.find(id);
    return it == m_index.end() ? -1 : int(it->second);
}

void ConnectionListModel::ingest(const std::vector<ConnectionRecord> &records)
{
    std::vector<const ConnectionRecord *> fresh;
    int changedFirst = -1;
    int changedLast = -1;
    for (const ConnectionRecord &r : records) {
        const auto it = m_index.find(r.info.id);
        if (it == m_index.end()) {
            fresh.push_back(&r);
            continue;
        }
        ConnectionRecord &mine = m_rows[it->second];
        if (mine.open && !r.open)
            ++m_closed;
        const bool seen = mine.seenOpening;
        mine = r;
        mine.seenOpening = mine.seenOpening || seen;
        const int row = int(it->second);
        changedFirst = changedFirst < 0 ? row : std::min(changedFirst, row);
        changedLast = std::max(changedLast, row);
    }
    if (changedFirst >= 0)
        Q_EMIT dataChanged(index(changedFirst, 0), index(changedLast, ColumnCount - 1));
    if (!fresh.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (const ConnectionRecord *r : fresh) {
            m_index[r->info.id] = m_rows.size();
            m_rows.push_back(*r);
            if (!r->open)
                ++m_closed;
        }
        endInsertRows();
        for (const ConnectionRecord *r : fresh) {
            const QString owner = QString::fromStdString(r->info.owner);
            if (!owner.isEmpty() && !m_owners.contains(owner)) {
                m_owners.append(owner);
                Q_EMIT ownerAdded(owner);
            }
        }
    }
    dropOldClosed();
}

void ConnectionListModel::dropOldClosed()
{
    if (m_closed <= m_maxClosed)
        return;
    // Drop the oldest closed rows; rows are in the order connections were first seen.
    std::size_t excess = m_closed - m_maxClosed;
    std::vector<int> rows;
    for (std::size_t i = 0; i < m_rows.size() && excess > 0; ++i)
        if (!m_rows[i].open) {
            rows.push_back(int(i));
            --excess;
        }
    for (auto it = rows.rbegin(); it != rows.rend();) {
        // Group adjacent rows into one removal.
        int last = *it;
        int first = last;
        ++it;
        while (it != rows.rend() && *it == first - 1) {
            first = *it;
            ++it;
        }
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        m_closed -= std::size_t(last - first + 1);
    }
    m_index.clear();
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_index[m_rows[i].info.id] = i;
}

void ConnectionListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_closed = 0;
    endResetModel();
}

} // namespace diesel::widgets
