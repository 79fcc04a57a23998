// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>
#include <diesel/widgets/packetframes.h>
#include <diesel/widgets/pcapngwriter.h>
#include <diesel/widgets/trafficexport.h>

#include <QSaveFile>

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace diesel::widgets {

namespace {

struct Packet
{
    Clock::time_point at;
    QByteArray frame;
    QString comment;
};

// One TCP connection as two ends: [0] connected (the client), [1] accepted (the server).
struct Stream
{
    const ConnectionRecord *record = nullptr;
    Address end[2];
    std::uint32_t isn[2] = {};
    std::uint64_t next[2] = {}; // offset of the next byte expected in each direction

    std::uint32_t seq(int d, std::uint64_t offset) const
    {
        return isn[d] + 1 + std::uint32_t(offset);
    }
    std::uint32_t ack(int d) const { return seq(1 - d, next[1 - d]); }
};

class Exporter
{
public:
    Exporter(const TrafficModel &model, const TrafficScope &scope)
        : m_model(model)
        , m_scope(scope)
    {}

    std::vector<Packet> packets(PcapngExport &result)
    {
        for (int row = 0; row < m_model.rowCount(); ++row) {
            const TrafficChunk *chunk = m_model.chunkAt(row);
            const ConnectionRecord *record = chunk ? m_model.record(chunk->connection) : nullptr;
            if (!record || !inScope(*record))
                continue;
            if (record->info.transport == Transport::Udp)
                addDatagram(*chunk, *record);
            else if (Stream *stream = streamOf(*chunk, *record, result))
                addSegments(*stream, *chunk, result);
        }
        for (auto &[id, stream] : m_streams)
            if (!stream.record->open)
                addClose(stream);
        // Ties keep their order: a handshake before the data captured in the same microsecond.
        std::stable_sort(m_packets.begin(), m_packets.end(),
                         [](const Packet &a, const Packet &b) { return a.at < b.at; });
        return std::move(m_packets);
    }

private:
    bool inScope(const ConnectionRecord &record) const
    {
        if (m_scope.connection)
            return record.info.id == m_scope.connection;
        return m_scope.owner.isEmpty() ||
               QString::fromStdString(record.info.owner) == m_scope.owner;
    }

    static QString loopText(const TrafficChunk &chunk, const ConnectionRecord &record)
    {
        if (chunk.loop == 0)
            return QStringLiteral("hub");
        QString text = QStringLiteral("loop %1").arg(chunk.loop);
        if (chunk.loop == record.loop && !record.loopLabel.empty())
            text += QStringLiteral(" \"%1\"").arg(QString::fromStdString(record.loopLabel));
        return text;
    }

    // The direction index of a chunk: 0 from the client, 1 from the server.
    static int sideOf(const TrafficChunk &chunk, const ConnectionRecord &record)
    {
        return (chunk.direction == Direction::Out) == record.info.outgoing ? 0 : 1;
    }

    Stream *streamOf(const TrafficChunk &chunk, const ConnectionRecord &record,
                     PcapngExport &result)
    {
        auto [it, added] = m_streams.try_emplace(record.info.id);
        Stream &s = it->second;
        if (!added)
            return s.record ? &s : nullptr;
        const Address &local = record.info.local;
        const Address &peer = record.info.peer;
        if (!local.valid() || local.family() != peer.family())
            return nullptr; // nothing to frame it with
        s.record = &record;
        s.end[0] = record.info.outgoing ? local : peer;
        s.end[1] = record.info.outgoing ? peer : local;
        // Any initial sequence numbers do; these differ per connection, as real ones would.
        s.isn[0] = std::uint32_t(record.info.id * 0x9E3779B1u);
        s.isn[1] = s.isn[0] ^ 0x5bd1e995u;
        ++result.connections;

        const Clock::time_point at = record.seenOpening ? record.opened : chunk.at;
        const QString comment =
            QStringLiteral("connection #%1 of %2 %3")
                .arg(record.info.id)
                .arg(QString::fromStdString(record.info.owner),
                     record.seenOpening ? QStringLiteral("opened")
                                        : QStringLiteral("opened before the capture began"));
        add(at, tcpFrame(s.end[0], s.end[1], s.isn[0], 0, TcpSyn, {}), comment);
        add(at, tcpFrame(s.end[1], s.end[0], s.isn[1], s.isn[0] + 1, TcpSyn | TcpAck, {}));
        add(at, tcpFrame(s.end[0], s.end[1], s.isn[0] + 1, s.isn[1] + 1, TcpAck, {}));
        return &s;
    }

    void addSegments(Stream &s, const TrafficChunk &chunk, PcapngExport &result)
    {
        const int d = sideOf(chunk, *s.record);
        QString comment = loopText(chunk, *s.record);
        if (chunk.offset > s.next[d]) {
            const std::uint64_t missing = chunk.offset - s.next[d];
            result.missingBytes += missing;
            comment += QStringLiteral("; %1 bytes before these were not captured")
                           .arg(exactNumber(missing));
        }
        const auto mss = qsizetype(tcpMss(s.end[0]));
        const QByteArrayView bytes(chunk.bytes);
        for (qsizetype at = 0; at < bytes.size(); at += mss) {
            const QByteArrayView part = bytes.sliced(at, std::min(mss, bytes.size() - at));
            const bool last = at + part.size() == bytes.size();
            add(chunk.at,
                tcpFrame(s.end[d], s.end[1 - d], s.seq(d, chunk.offset + std::uint64_t(at)),
                         s.ack(d), std::uint8_t(TcpAck | (last ? TcpPsh : 0)), part),
                comment);
        }
        s.next[d] = chunk.offset + std::uint64_t(bytes.size());
    }

    void addClose(Stream &s)
    {
        const Clock::time_point at = s.record->closed;
        const QString reason = QString::fromStdString(s.record->reason);
        add(at, tcpFrame(s.end[0], s.end[1], s.seq(0, s.next[0]), s.ack(0), TcpFin | TcpAck, {}),
            QStringLiteral("connection #%1 closed%2")
                .arg(s.record->info.id)
                .arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason));
        ++s.next[0]; // a FIN takes one sequence number
        add(at, tcpFrame(s.end[1], s.end[0], s.seq(1, s.next[1]), s.ack(1), TcpFin | TcpAck, {}));
        ++s.next[1];
        add(at, tcpFrame(s.end[0], s.end[1], s.seq(0, s.next[0]), s.ack(0), TcpAck, {}));
    }

    void addDatagram(const TrafficChunk &chunk, const ConnectionRecord &record)
    {
        const Address &local = record.info.local;
        const Address &peer = chunk.peer.valid() ? chunk.peer : record.info.peer;
        if (!local.valid() || local.family() != peer.family())
            return;
        const bool in = chunk.direction == Direction::In;
        add(chunk.at, udpFrame(in ? peer : local, in ? local : peer, chunk.bytes),
            loopText(chunk, record));
    }

    void add(Clock::time_point at, QByteArray frame, const QString &comment = {})
    {
        m_packets.push_back(Packet{at, std::move(frame), comment});
    }

    const TrafficModel &m_model;
    const TrafficScope &m_scope;
    std::unordered_map<ConnectionId, Stream> m_streams;
    std::vector<Packet> m_packets;
};

} // namespace

PcapngExport exportPcapng(const TrafficModel &model, const TrafficScope &scope, QIODevice &out)
{
    PcapngExport result;
    const std::vector<Packet> packets = Exporter(model, scope).packets(result);
    // The capture's times are steady-clock readings: placed on the wall clock by one reading of
    // both.
    const auto wallNow = std::chrono::system_clock::now();
    const auto steadyNow = Clock::now();
    PcapngWriter writer(out);
    for (const Packet &p : packets)
        writer.writePacket(
            wallNow +
                std::chrono::duration_cast<std::chrono::system_clock::duration>(p.at - steadyNow),
            p.frame, p.comment);
    result.packets = writer.packets();
    if (!writer.ok())
        result.error = out.errorString();
    return result;
}

PcapngExport exportPcapng(const TrafficModel &model, const TrafficScope &scope, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        PcapngExport failed;
        failed.error = file.errorString();
        return failed;
    }
    PcapngExport result = exportPcapng(model, scope, file);
    if (result.error.isEmpty() && !file.commit())
        result.error = file.errorString();
    return result;
}

} // namespace diesel::widgets
