// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/visuals.h>

#include <QBrush>
#include <QFont>
#include <QFontDatabase>

#include <algorithm>

namespace diesel::widgets {

namespace {
constexpr int kShownChars = 300;
constexpr int kTipChars = 2000;
} // namespace

TrafficModel::TrafficModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColTime:
            return QStringLiteral("Time");
        case ColConnection:
            return QStringLiteral("Connection");
        case ColDirection:
            return QStringLiteral("Dir");
        case ColLoop:
            return QStringLiteral("Loop");
        case ColSize:
            return QStringLiteral("Bytes");
        case ColData:
            return QStringLiteral("Data");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case ColConnection:
            return QStringLiteral("The connection, its Service or Client, and its peer");
        case ColDirection:
            return QStringLiteral("in: received; out: sent");
        case ColLoop:
            return QStringLiteral("The Loop that read or wrote the bytes (select the row to select "
                                  "it in the inspector)");
        case ColData:
            return QStringLiteral("The bytes as text (\\r, \\n, \\xNN) or hex; double-click a row "
                                  "to switch it");
        }
    }
    return {};
}

QString TrafficModel::ownerOf(ConnectionId id) const
{
    const auto it = m_owners.find(id);
    return it != m_owners.end() ? it->second : QString();
}

const ConnectionRecord *TrafficModel::record(ConnectionId id) const
{
    const auto it = m_records.find(id);
    return it != m_records.end() ? &it->second : nullptr;
}

const TrafficChunk *TrafficModel::chunkAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return nullptr;
    const Entry &e = m_rows[std::size_t(row)];
    return e.kind == RowKind::Chunk ? &e.chunk : nullptr;
}

QString TrafficModel::connectionText(const Entry &e) const
{
    const QString owner = ownerOf(e.chunk.connection);
    QString text = QStringLiteral("#%1").arg(e.chunk.connection);
    if (!owner.isEmpty())
        text += QLatin1Char(' ') + owner;
    // A UDP Service's socket talks to many peers: name the one of this datagram.
    const ConnectionRecord *r = record(e.chunk.connection);
    if (e.chunk.peer.valid() && r && r->info.transport == Transport::Udp)
        text += QLatin1Char(' ') + QString::fromStdString(e.chunk.peer.to_string());
    return text;
}

QString TrafficModel::dataText(const Entry &e, bool full) const
{
    const bool hex = m_hex != m_flipped.contains(e.chunk.seq);
    const int limit = full ? int(e.chunk.bytes.size()) * 4 + 8 : kShownChars;
    QString text = hex ? hexText(e.chunk.bytes, full ? int(e.chunk.bytes.size()) : limit / 3)
                       : escapedText(e.chunk.bytes, limit);
    if (std::size_t(e.chunk.bytes.size()) < e.chunk.size)
        text += QStringLiteral(" [%1 of %2 bytes captured]")
                    .arg(e.chunk.bytes.size())
                    .arg(e.chunk.size);
    return text;
}

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Entry &e = m_rows[std::size_t(index.row())];
    const int column = index.column();

    if (e.kind != RowKind::Chunk) {
        QString text;
        switch (e.kind) {
        case RowKind::Dropped:
            text = QStringLiteral("\u2014 %1 older chunks dropped to stay within the buffer "
                                  "(%2 chunks, %3) \u2014")
                       .arg(exactNumber(e.count), exactNumber(m_maxChunks), humanBytes(m_maxBytes));
            break;
        case RowKind::NotCaptured:
            text =
                m_gaps > 1
                    ? QStringLiteral("\u2014 %1 chunks not captured in %2 gaps since %3, the "
                                     "newest here: they came faster than the view takes them "
                                     "\u2014")
                          .arg(exactNumber(e.count), exactNumber(m_gaps), clockText(m_firstGapAt))
                    : QStringLiteral("\u2014 %1 chunks not captured here: they came faster "
                                     "than the view takes them \u2014")
                          .arg(exactNumber(e.count));
            break;
        default:
            text = QStringLiteral("\u2014 %1 \u2014").arg(e.text);
        }
        switch (role) {
        case Qt::DisplayRole:
            if (column == ColTime && e.kind == RowKind::Note)
                return clockText(e.chunk.at);
            return column == ColData ? text : QVariant();
        case Qt::ToolTipRole:
            return text;
        case Qt::ForegroundRole:
            return QBrush(stateColor(VisualState::Dead));
        case KindRole:
            return int(e.kind);
        case Qt::FontRole: {
            static const QFont italic = [] {
                QFont f;
                f.setItalic(true);
                return f;
            }();
            return italic;
        }
        }
        return {};
    }

    const TrafficChunk &c = e.chunk;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ColTime:
            return clockText(c.at, true);
        case ColConnection:
            return connectionText(e);
        case ColDirection:
            return directionArrow(c.direction) + QLatin1Char(' ') + directionWord(c.direction);
        case ColLoop:
            return c.loop ? QString::number(c.loop) : QStringLiteral("hub");
        case ColSize:
            return QString::number(c.size);
        case ColData:
            return dataText(e, false);
        }
        break;
    case Qt::ToolTipRole:
        switch (column) {
        case ColData: {
            const bool hex = m_hex != m_flipped.contains(c.seq);
            return hex ? hexText(c.bytes, kTipChars / 3) : escapedText(c.bytes, kTipChars);
        }
        case ColConnection:
            return connectionText(e) +
                   (c.peer.valid()
                        ? QStringLiteral("\npeer ") + QString::fromStdString(c.peer.to_string())
                        : QString());
        case ColLoop:
            return c.loop ? QStringLiteral("Loop %1 %2 these bytes")
                                .arg(c.loop)
                                .arg(c.direction == Direction::In ? QStringLiteral("read")
                                                                  : QStringLiteral("wrote"))
                          : QStringLiteral("The Hub flushed these bytes outside any Loop");
        case ColSize:
            return exactNumber(c.size) + QStringLiteral(" bytes");
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ForegroundRole:
        if (column == ColDirection || column == ColData)
            return QBrush(directionColor(c.direction));
        break;
    case Qt::FontRole:
        if (column == ColData) {
            static const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            return mono;
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == ColSize || column == ColLoop)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case KindRole:
        return int(RowKind::Chunk);
    case SeqRole:
        return QVariant::fromValue<qulonglong>(c.seq);
    case LoopIdRole:
        return QVariant::fromValue<qulonglong>(c.loop);
    case ConnectionIdRole:
        return QVariant::fromValue<qulonglong>(c.connection);
    case OwnerRole:
        return ownerOf(c.connection);
    case DirectionRole:
        return int(c.direction);
    }
    return {};
}

void TrafficModel::ingest(const TrafficBatch &batch)
{
    for (const ConnectionRecord &r : batch.connections) {
        m_owners[r.info.id] = QString::fromStdString(r.info.owner);
        m_records[r.info.id] = r;
    }
    const std::size_t extra = (batch.lost ? 1 : 0) + batch.chunks.size();
    if (extra == 0)
        return;
    if (batch.lost) {
        // Under a flood every batch has a gap: one row sums them up, moved to the newest gap,
        // rather than a screen of markers between the chunks.
        const auto old = std::find_if(m_rows.rbegin(), m_rows.rend(), [](const Entry &e) {
            return e.kind == RowKind::NotCaptured;
        });
        if (old != m_rows.rend()) {
            const int row = int(m_rows.rend() - old) - 1;
            beginRemoveRows({}, row, row);
            m_rows.erase(std::next(old).base());
            endRemoveRows();
        }
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(extra) - 1);
    if (batch.lost) {
        Entry marker;
        marker.kind = RowKind::NotCaptured;
        marker.chunk.at = batch.chunks.empty() ? Clock::now() : batch.chunks.front().at;
        if (m_gaps++ == 0)
            m_firstGapAt = marker.chunk.at;
        m_notCaptured += batch.lost;
        marker.count = m_notCaptured;
        m_rows.push_back(std::move(marker));
    }
    for (const TrafficChunk &c : batch.chunks) {
        Entry e;
        e.chunk = c;
        m_bytes += std::size_t(c.bytes.size());
        ++m_chunks;
        m_rows.push_back(std::move(e));
    }
    endInsertRows();
    trim();
}

void TrafficModel::addNote(const QString &text)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    Entry e;
    e.kind = RowKind::Note;
    e.text = text;
    e.chunk.at = Clock::now();
    m_rows.push_back(std::move(e));
    endInsertRows();
}

void TrafficModel::trim()
{
    if (m_chunks <= m_maxChunks && m_bytes <= m_maxBytes)
        return;
    // Count the rows to drop from the front, including an earlier "dropped" marker.
    std::size_t drop = 0;
    std::size_t chunks = m_chunks;
    std::size_t bytes = m_bytes;
    std::uint64_t dropped = 0;
    while (drop < m_rows.size() &&
           (chunks > m_maxChunks || bytes > m_maxBytes || m_rows[drop].kind == RowKind::Dropped)) {
        const Entry &e = m_rows[drop];
        if (e.kind == RowKind::Chunk) {
            --chunks;
            bytes -= std::size_t(e.chunk.bytes.size());
            ++dropped;
            m_flipped.remove(e.chunk.seq);
        }
        ++drop;
    }
    beginRemoveRows({}, 0, int(drop) - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + std::ptrdiff_t(drop));
    m_chunks = chunks;
    m_bytes = bytes;
    endRemoveRows();
    m_droppedOldest += dropped;

    beginInsertRows({}, 0, 0);
    Entry marker;
    marker.kind = RowKind::Dropped;
    marker.count = m_droppedOldest;
    m_rows.push_front(std::move(marker));
    endInsertRows();

    // Owners of connections no row mentions any more go too, keeping the map bounded.
    if (m_owners.size() > 4 * m_maxChunks) {
        std::unordered_map<ConnectionId, QString> kept;
        for (const Entry &e : m_rows)
            if (e.kind == RowKind::Chunk)
                kept.emplace(e.chunk.connection, ownerOf(e.chunk.connection));
        m_owners = std::move(kept);
        std::erase_if(m_records, [this](const auto &kv) { return !m_owners.count(kv.first); });
    }
}

void TrafficModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_flipped.clear();
    m_chunks = m_bytes = 0;
    m_droppedOldest = m_notCaptured = m_gaps = 0;
    endResetModel();
}

void TrafficModel::setLimits(std::size_t chunks, std::size_t bytes)
{
    m_maxChunks = std::max<std::size_t>(chunks, 1);
    m_maxBytes = std::max<std::size_t>(bytes, 1);
    trim();
}

void TrafficModel::setHex(bool hex)
{
    if (hex == m_hex)
        return;
    m_hex = hex;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, ColData), index(int(m_rows.size()) - 1, ColData));
}

void TrafficModel::toggleHex(int row)
{
    if (row < 0 || row >= int(m_rows.size()) || m_rows[std::size_t(row)].kind != RowKind::Chunk)
        return;
    const std::uint64_t seq = m_rows[std::size_t(row)].chunk.seq;
    if (m_flipped.contains(seq))
        m_flipped.remove(seq);
    else
        m_flipped.insert(seq);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString TrafficModel::rowText(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    const Entry &e = m_rows[std::size_t(row)];
    if (e.kind != RowKind::Chunk)
        return data(index(row, ColData), Qt::DisplayRole).toString();
    const TrafficChunk &c = e.chunk;
    return QStringLiteral("%1  %2  %3 %4  loop %5  %6 bytes  %7")
        .arg(clockText(c.at, true), connectionText(e), directionArrow(c.direction),
             directionWord(c.direction), c.loop ? QString::number(c.loop) : QStringLiteral("hub"),
             QString::number(c.size), dataText(e, true));
}

} // namespace diesel::widgets
