// SPDX-License-Identifier: MIT
#include <diesel/widgets/decodedtrafficmodel.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/trafficmodel.h>

#include <QBrush>
#include <QColor>

#include <array>

namespace diesel::widgets {

namespace {

// Requests waiting for an answer per connection: past this, the oldest are forgotten (a peer
// that never answers must not grow the state without bound).
constexpr std::size_t kMaxWaiting = 10000;
// Auto decides once this many bytes of the first speaker are in, or this many chunks.
constexpr qsizetype kSniffBytes = 64;
constexpr std::size_t kMaxHeld = 16;

} // namespace

// What the model knows of one connection while it decodes it.
struct DecodedTrafficModel::Connection
{
    bool outgoing = false;
    std::uint16_t serverPort = 0;
    QString owner;
    bool decided = false;
    bool stopped = false;
    QString decoderId;
    QString failure;
    std::unique_ptr<TrafficDecoder> decoder;
    std::array<bool, 2> seen{};
    std::array<std::uint64_t, 2> base{};     // the stream offset of the decoder's first byte
    std::array<std::uint64_t, 2> fed{};      // bytes fed to the decoder
    std::array<std::uint64_t, 2> expected{}; // the stream offset the next chunk should have
    std::deque<std::uint64_t> waiting;       // row numbers of requests paired in order
    std::unordered_map<std::int64_t, std::uint64_t> waitingById;
    std::vector<TrafficChunk> held; // while Auto has not decided
};

DecodedTrafficModel::DecodedTrafficModel(DecoderRegistry registry, QObject *parent)
    : QAbstractTableModel(parent)
    , m_registry(std::move(registry))
{}

DecodedTrafficModel::~DecodedTrafficModel() = default;

int DecodedTrafficModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DecodedTrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DecodedTrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ColTime:
        return QStringLiteral("Time");
    case ColConnection:
        return QStringLiteral("Conn");
    case ColDirection:
        return QStringLiteral("Dir");
    case ColSummary:
        return QStringLiteral("Message");
    case ColLatency:
        return QStringLiteral("Latency");
    default:
        return {};
    }
}

QVariant DecodedTrafficModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const DecodedRow &r = m_rows[std::size_t(index.row())];
    switch (role) {
    case ConnectionIdRole:
        return QVariant::fromValue<quint64>(r.connection);
    case DetailRole:
        return r.message.detail;
    case NoteRole:
        return r.note;
    case OwnerRole:
        return r.owner;
    case Qt::ToolTipRole:
        return index.column() == ColSummary ? r.message.summary : QVariant();
    case Qt::ForegroundRole:
        if (r.note)
            return QBrush(QColor(0x70, 0x70, 0x70));
        if (r.message.error)
            return QBrush(QColor(0xb0, 0x00, 0x00));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case ColTime:
        return clockText(r.at, true);
    case ColConnection:
        return QStringLiteral("#%1").arg(r.connection);
    case ColDirection:
        if (r.note)
            return QString();
        return r.message.side == Side::Client ? QStringLiteral("\u2192 req")
                                              : QStringLiteral("\u2190 resp");
    case ColSummary:
        return r.message.summary;
    case ColLatency:
        return r.latency ? humanDuration(*r.latency) : QString();
    default:
        return {};
    }
}

void DecodedTrafficModel::addDecoder(DecoderFactory factory)
{
    m_registry.add(std::move(factory));
}

void DecodedTrafficModel::setMaxRows(std::size_t rows)
{
    m_maxRows = std::max<std::size_t>(rows, 1);
}

void DecodedTrafficModel::setChoice(ConnectionId id, const QString &choice)
{
    if (choice.isEmpty())
        m_choices.erase(id);
    else
        m_choices[id] = choice;
}

QString DecodedTrafficModel::choiceOf(ConnectionId id) const
{
    auto it = m_choices.find(id);
    return it != m_choices.end() ? it->second : m_defaultChoice;
}

QString DecodedTrafficModel::decoderOf(ConnectionId id) const
{
    auto it = m_connections.find(id);
    return it != m_connections.end() && !it->second->stopped ? it->second->decoderId : QString();
}

QString DecodedTrafficModel::failureOf(ConnectionId id) const
{
    auto it = m_connections.find(id);
    return it != m_connections.end() ? it->second->failure : QString();
}

void DecodedTrafficModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_incoming.clear();
    m_changed.clear();
    m_connections.clear();
    m_first = 0;
    endResetModel();
}

void DecodedTrafficModel::redecode(const TrafficModel &transcript)
{
    clear();
    for (int row = 0; row < transcript.rowCount(); ++row)
        if (const TrafficChunk *chunk = transcript.chunkAt(row))
            decodeChunk(*chunk, transcript.record(chunk->connection));
    // As ingest() does: a closed connection's state goes.
    for (auto it = m_connections.begin(); it != m_connections.end();) {
        const ConnectionRecord *record = transcript.record(it->first);
        it = record && !record->open ? m_connections.erase(it) : std::next(it);
    }
    flush();
}

void DecodedTrafficModel::ingest(const TrafficBatch &batch)
{
    std::unordered_map<ConnectionId, const ConnectionRecord *> records;
    for (const ConnectionRecord &r : batch.connections)
        records[r.info.id] = &r;
    for (const TrafficChunk &chunk : batch.chunks) {
        auto it = records.find(chunk.connection);
        decodeChunk(chunk, it != records.end() ? it->second : nullptr);
    }
    // A closed connection sends nothing more: its state goes (its rows stay).
    for (const ConnectionRecord &r : batch.connections)
        if (!r.open)
            m_connections.erase(r.info.id);
    flush();
}

DecodedTrafficModel::Connection &DecodedTrafficModel::connectionOf(ConnectionId id,
                                                                   const ConnectionRecord *record)
{
    auto [it, inserted] = m_connections.try_emplace(id);
    if (inserted) {
        it->second = std::make_unique<Connection>();
        if (record) {
            it->second->outgoing = record->info.outgoing;
            it->second->owner = QString::fromStdString(record->info.owner);
            it->second->serverPort =
                record->info.outgoing ? record->info.peer.port() : record->info.local.port();
        }
    }
    return *it->second;
}

void DecodedTrafficModel::decodeChunk(const TrafficChunk &chunk, const ConnectionRecord *record)
{
    Connection &c = connectionOf(chunk.connection, record);
    if (c.decided) {
        feedChunk(c, chunk);
        return;
    }
    // Auto looks at the first bytes the first speaker sent, which may come a few at a time (a
    // driver that writes each header field on its own): the chunks wait until a sniffer is sure,
    // enough bytes are in, or the port decides.
    c.held.push_back(chunk);
    const Side first = sideOf(c, c.held.front());
    QByteArray bytes;
    for (const TrafficChunk &held : c.held)
        if (sideOf(c, held) == first)
            bytes += held.bytes;
    const QString choice = choiceOf(chunk.connection);
    const DecoderFactory *f = nullptr;
    if (choice == autoChoice()) {
        f = m_registry.choose(c.serverPort, first, bytes);
        if (!f && bytes.size() < kSniffBytes && c.held.size() < kMaxHeld)
            return;
    }
    c.decided = true;
    std::vector<TrafficChunk> held = std::move(c.held);
    c.held.clear();
    if (choice == rawChoice() || (choice == autoChoice() && !f))
        return;
    QString why;
    if (f) {
        c.decoderId = f->id;
        why = f->sniff && f->sniff(first, bytes) > 0
                  ? QStringLiteral("%1 (Auto: by its first bytes)").arg(f->name)
                  : QStringLiteral("%1 (Auto: by port %2)").arg(f->name).arg(c.serverPort);
    } else {
        c.decoderId = choice;
        why = m_registry.find(choice) ? m_registry.find(choice)->name : choice;
    }
    c.decoder = m_registry.create(c.decoderId);
    if (!c.decoder) {
        stop(c, held.front(), QStringLiteral("no decoder \"%1\"").arg(c.decoderId));
        return;
    }
    addNote(c, held.front(), QStringLiteral("decoding as ") + why);
    for (const TrafficChunk &h : held)
        feedChunk(c, h);
}

Side DecodedTrafficModel::sideOf(const Connection &c, const TrafficChunk &chunk)
{
    return (chunk.direction == Direction::Out) == c.outgoing ? Side::Client : Side::Server;
}

void DecodedTrafficModel::feedChunk(Connection &c, const TrafficChunk &chunk)
{
    const Side side = sideOf(c, chunk);
    const auto s = std::size_t(side);
    if (!c.decoder || c.stopped)
        return;
    std::vector<DecodedMessage> out;
    if (!c.seen[s]) {
        c.seen[s] = true;
        c.base[s] = chunk.offset;
        c.expected[s] = chunk.offset;
    }
    if (chunk.offset > c.expected[s]) {
        const std::uint64_t gap = chunk.offset - c.expected[s];
        if (!c.decoder->skipGap(side, gap, out)) {
            stopAtGap(c, chunk, out);
            return;
        }
        c.fed[s] += gap;
    }
    c.decoder->feed(side, chunk.bytes, out);
    c.fed[s] += std::uint64_t(chunk.bytes.size());
    c.expected[s] = chunk.offset + std::uint64_t(chunk.bytes.size());
    // Only the first part of a long write is captured: the rest is a gap the decoder may skip.
    if (chunk.size > std::uint64_t(chunk.bytes.size()) && c.decoder->failure().isEmpty() &&
        c.decoder->handOver().isEmpty()) {
        const std::uint64_t missing = chunk.size - std::uint64_t(chunk.bytes.size());
        if (!c.decoder->skipGap(side, missing, out)) {
            stopAtGap(c, chunk, out);
            return;
        }
        c.fed[s] += missing;
        c.expected[s] += missing;
    }
    afterFeed(c, chunk, out);
}

void DecodedTrafficModel::afterFeed(Connection &c, const TrafficChunk &chunk,
                                    std::vector<DecodedMessage> &out)
{
    for (DecodedMessage &m : out)
        add(c, chunk, std::move(m));
    out.clear();
    if (const QString failure = c.decoder->failure(); !failure.isEmpty()) {
        stop(c, chunk, failure);
        return;
    }
    const QString next = c.decoder->handOver();
    if (next.isEmpty())
        return;
    std::unique_ptr<TrafficDecoder> decoder = m_registry.create(next);
    if (!decoder) {
        stop(c, chunk, QStringLiteral("no decoder \"%1\" to hand over to").arg(next));
        return;
    }
    const std::array<QByteArray, 2> rest{c.decoder->remainder(Side::Client),
                                         c.decoder->remainder(Side::Server)};
    for (std::size_t s = 0; s < 2; ++s) {
        c.base[s] += c.fed[s] - std::uint64_t(rest[s].size());
        c.fed[s] = 0;
    }
    c.decoder = std::move(decoder);
    c.decoderId = next;
    const DecoderFactory *f = m_registry.find(next);
    addNote(c, chunk, QStringLiteral("decoding as ") + (f ? f->name : next));
    for (std::size_t s = 0; s < 2; ++s) {
        if (rest[s].isEmpty())
            continue;
        c.decoder->feed(Side(s), rest[s], out);
        c.fed[s] += std::uint64_t(rest[s].size());
    }
    afterFeed(c, chunk, out);
}

void DecodedTrafficModel::stopAtGap(Connection &c, const TrafficChunk &chunk,
                                    std::vector<DecodedMessage> &out)
{
    afterFeed(c, chunk, out);
    if (!c.stopped)
        stop(c, chunk, QStringLiteral("bytes were not captured; decoding stopped"));
}

void DecodedTrafficModel::stop(Connection &c, const TrafficChunk &chunk, const QString &why)
{
    c.stopped = true;
    c.failure = why;
    addNote(c, chunk, why);
}

DecodedRow *DecodedTrafficModel::rowAt(std::uint64_t number)
{
    if (number < m_first)
        return nullptr;
    std::uint64_t i = number - m_first;
    if (i < m_rows.size())
        return &m_rows[std::size_t(i)];
    i -= m_rows.size();
    return i < m_incoming.size() ? &m_incoming[std::size_t(i)] : nullptr;
}

void DecodedTrafficModel::addNote(Connection &c, const TrafficChunk &chunk, const QString &text)
{
    DecodedRow row;
    row.at = chunk.at;
    row.connection = chunk.connection;
    row.owner = c.owner;
    row.direction = chunk.direction;
    row.note = true;
    row.message.summary = text;
    row.message.detail = text;
    m_incoming.push_back(std::move(row));
}

void DecodedTrafficModel::add(Connection &c, const TrafficChunk &chunk, DecodedMessage m)
{
    const std::uint64_t number = m_first + m_rows.size() + m_incoming.size();
    const auto s = std::size_t(m.side);
    DecodedRow row;
    row.at = chunk.at;
    row.connection = chunk.connection;
    row.owner = c.owner;
    row.direction = (m.side == Side::Client) == c.outgoing ? Direction::Out : Direction::In;
    row.streamBegin = c.base[s] + m.begin;
    row.streamEnd = c.base[s] + m.end;

    if (m.role == MessageRole::Request) {
        if (m.id != 0) {
            if (c.waitingById.size() < kMaxWaiting)
                c.waitingById[m.id] = number;
        } else {
            c.waiting.push_back(number);
            if (c.waiting.size() > kMaxWaiting)
                c.waiting.pop_front();
        }
    } else if (m.role == MessageRole::Response) {
        std::optional<std::uint64_t> request;
        if (m.answers != 0) {
            if (auto it = c.waitingById.find(m.answers); it != c.waitingById.end()) {
                request = it->second;
                if (!m.partial)
                    c.waitingById.erase(it);
            }
        } else if (!c.waiting.empty()) {
            request = c.waiting.front();
            if (!m.partial)
                c.waiting.pop_front();
        }
        if (DecodedRow *asked = request ? rowAt(*request) : nullptr) {
            row.latency =
                std::chrono::duration_cast<std::chrono::nanoseconds>(chunk.at - asked->at);
            if (!m.partial) {
                asked->latency = row.latency;
                if (*request - m_first < m_rows.size())
                    m_changed.push_back(int(*request - m_first));
            }
        }
    }
    row.message = std::move(m);
    m_incoming.push_back(std::move(row));
}

void DecodedTrafficModel::flush()
{
    for (int r : m_changed)
        Q_EMIT dataChanged(index(r, ColLatency), index(r, ColLatency));
    m_changed.clear();
    if (!m_incoming.empty()) {
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at + int(m_incoming.size()) - 1);
        for (DecodedRow &r : m_incoming)
            m_rows.push_back(std::move(r));
        m_incoming.clear();
        endInsertRows();
    }
    if (m_rows.size() > m_maxRows) {
        const std::size_t drop = m_rows.size() - m_maxRows;
        beginRemoveRows({}, 0, int(drop) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + std::ptrdiff_t(drop));
        m_first += drop;
        endRemoveRows();
    }
}

} // namespace diesel::widgets
