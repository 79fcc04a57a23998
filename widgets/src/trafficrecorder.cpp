// SPDX-License-Identifier: MIT
#include <diesel/core/loop.h>
#include <diesel/widgets/trafficrecorder.h>

#include <algorithm>
#include <bit>

namespace diesel::widgets {

TrafficRecorder::TrafficRecorder(Hub &hub, std::size_t intake, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_ring(std::bit_ceil(std::max<std::size_t>(intake, 16)))
    , m_mask(m_ring.size() - 1)
    , m_observing(hub, *this)
{}

void TrafficRecorder::reattach(unsigned interests)
{
    if (!m_observing.hubIsCurrent())
        return;
    // attach() adds the observer again, so that the Hub reads the new interests.
    m_interests = interests;
    if (interests != 0)
        m_observing.attach();
    else
        m_observing.detach();
}

void TrafficRecorder::start()
{
    reattach(Connections | (m_capturing ? Data : 0u));
}

void TrafficRecorder::stop()
{
    reattach(0);
}

void TrafficRecorder::setCapturing(bool capturing)
{
    if (capturing == m_capturing)
        return;
    m_capturing = capturing;
    if (m_observing.attached())
        start();
}

TrafficRecorder::Tracked &TrafficRecorder::recordOf(const ConnectionInfo &info)
{
    if (info.id == m_lastId && m_last)
        return *m_last;
    auto [it, inserted] = m_connections.try_emplace(info.id);
    Tracked &t = it->second;
    if (inserted)
        t.record.info = info;
    if (!t.dirty) {
        t.dirty = true;
        m_dirty.push_back(info.id);
    }
    m_lastId = info.id;
    m_last = &t;
    return t;
}

void TrafficRecorder::connection_opened(const ConnectionInfo &info)
{
    ConnectionRecord &r = recordOf(info).record;
    r.info = info;
    r.opened = Clock::now();
    r.seenOpening = true;
    r.open = true;
}

void TrafficRecorder::connection_closed(const ConnectionInfo &info, std::string_view reason)
{
    ConnectionRecord &r = recordOf(info).record;
    r.closed = Clock::now();
    r.open = false;
    r.reason = std::string(reason);
}

void TrafficRecorder::fault(const ConnectionInfo &info, std::string_view what)
{
    ConnectionRecord &r = recordOf(info).record;
    r.info.faults = true;
    r.fault = std::string(what);
}

void TrafficRecorder::data(const ConnectionInfo &conn, Direction direction, std::string_view bytes,
                           LoopId loop)
{
    // The engine's hot path: a clock read, a copy into a slot whose buffer is reused, counters.
    if (m_written - m_taken >= m_ring.size())
        ++m_lost;
    Slot &slot = m_ring[m_written & m_mask];
    ++m_written;
    slot.at = Clock::now();
    slot.connection = conn.id;
    slot.loop = loop;
    slot.direction = direction;
    slot.peer = conn.peer;
    slot.size = std::uint32_t(std::min<std::size_t>(bytes.size(), UINT32_MAX));
    slot.bytes.assign(bytes.data(), std::min(bytes.size(), kMaxChunkBytes));

    ConnectionRecord &r = recordOf(conn).record;
    r.info.faults = conn.faults; // switched on or off since it opened
    std::uint64_t &total = direction == Direction::In ? r.bytesIn : r.bytesOut;
    slot.offset = total;
    total += bytes.size();
    ++r.chunks;
    // A connection keeps its Loop: the label is looked up once, not per chunk.
    if (loop != 0 && loop != r.loop) {
        r.loop = loop;
        if (const Loop *l = m_hub.find(loop))
            r.loopLabel = l->label();
    }
}

TrafficBatch TrafficRecorder::take()
{
    TrafficBatch batch;
    const std::uint64_t pending = std::min<std::uint64_t>(m_written - m_taken, m_ring.size());
    batch.lost = m_lost;
    m_lost = 0;
    batch.chunks.reserve(pending);
    for (std::uint64_t i = m_written - pending; i < m_written; ++i) {
        const Slot &slot = m_ring[i & m_mask];
        TrafficChunk chunk;
        chunk.seq = ++m_seq;
        chunk.at = slot.at;
        chunk.connection = slot.connection;
        chunk.loop = slot.loop;
        chunk.direction = slot.direction;
        chunk.peer = slot.peer;
        chunk.bytes = QByteArray(slot.bytes.data(), qsizetype(slot.bytes.size()));
        chunk.size = slot.size;
        chunk.offset = slot.offset;
        batch.chunks.push_back(std::move(chunk));
    }
    m_taken = m_written;

    batch.connections.reserve(m_dirty.size());
    for (ConnectionId id : m_dirty) {
        auto it = m_connections.find(id);
        if (it == m_connections.end())
            continue;
        it->second.dirty = false;
        batch.connections.push_back(it->second.record);
        if (!it->second.record.open)
            m_connections.erase(it);
    }
    m_dirty.clear();
    m_lastId = 0;
    m_last = nullptr;
    return batch;
}

} // namespace diesel::widgets
