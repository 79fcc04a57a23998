// SPDX-License-Identifier: MIT
// Captures what crosses every connection (Observer::Data and Observer::Connections). The engine's
// side only copies the bytes into a fixed ring; the views take batches on a timer. When the ring
// fills between two batches, the oldest chunks are overwritten and counted, never queued without
// bound.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/core/observer.h>
#include <diesel/widgets/export.h>
#include <diesel/widgets/observerattachment.h>

#include <QByteArray>
#include <QObject>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace diesel::widgets {

/// Bytes that crossed a connection in one read or write.
struct DIESEL_WIDGETS_EXPORT TrafficChunk
{
    std::uint64_t seq = 0; ///< capture order, unique per recorder
    Clock::time_point at{};
    ConnectionId connection = 0;
    LoopId loop = 0; ///< the Loop that read or wrote them (0: the Hub flushed them)
    Direction direction = Direction::In;
    Address peer;           ///< the peer then (for a UDP Service: that datagram's sender)
    QByteArray bytes;       ///< the bytes, at most TrafficRecorder::kMaxChunkBytes of them
    std::uint32_t size = 0; ///< how many bytes crossed
    /// Bytes that crossed the connection in this direction before these, since capture began:
    /// a gap between two chunks is what was not captured.
    std::uint64_t offset = 0;
};

/// What a recorder knows about one connection.
struct DIESEL_WIDGETS_EXPORT ConnectionRecord
{
    ConnectionInfo info;
    Clock::time_point opened{};
    Clock::time_point closed{};
    bool open = true;
    bool seenOpening = false; ///< false: capture started after it opened
    std::string reason;       ///< why it closed
    std::string fault;        ///< the injected fault that struck it last ("": none)
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::uint64_t chunks = 0;
    LoopId loop = 0;       ///< the Loop that last read or wrote on it
    std::string loopLabel; ///< that Loop's label then
};

/// What a recorder captured since the last take().
struct DIESEL_WIDGETS_EXPORT TrafficBatch
{
    std::vector<TrafficChunk> chunks;
    /// Chunks overwritten before they were taken: the capture could not keep up.
    std::uint64_t lost = 0;
    /// Connections that opened, closed or carried data since the last batch (their current state).
    std::vector<ConnectionRecord> connections;
};

class DIESEL_WIDGETS_EXPORT TrafficRecorder : public QObject, private Observer
{
    Q_OBJECT

public:
    /// A recorder whose ring holds `intake` chunks between two take()s (rounded to a power of 2).
    explicit TrafficRecorder(Hub &hub, std::size_t intake = 4096, QObject *parent = nullptr);

    /// Longest part of one read or write that is kept.
    static constexpr std::size_t kMaxChunkBytes = 16 * 1024;

    /// Starts observing (connections always, data while capturing).
    void start();
    /// Stops observing altogether.
    void stop();
    /// Captures data (true) or only follows connections opening and closing (false).
    void setCapturing(bool capturing);
    bool capturing() const noexcept { return m_capturing; }

    /// Takes everything captured since the last call.
    TrafficBatch take();

private:
    unsigned interests() const override { return m_interests; }
    void connection_opened(const ConnectionInfo &info) override;
    void connection_closed(const ConnectionInfo &info, std::string_view reason) override;
    void fault(const ConnectionInfo &info, std::string_view what) override;
    void data(const ConnectionInfo &conn, Direction direction, std::string_view bytes,
              LoopId loop) override;
    void reattach(unsigned interests);

    struct Slot
    {
        Clock::time_point at{};
        ConnectionId connection = 0;
        LoopId loop = 0;
        Direction direction = Direction::In;
        Address peer;
        std::uint32_t size = 0;
        std::uint64_t offset = 0;
        std::string bytes;
    };
    struct Tracked
    {
        ConnectionRecord record;
        bool dirty = false;
    };
    Tracked &recordOf(const ConnectionInfo &info);

    Hub &m_hub;
    unsigned m_interests = 0;
    bool m_capturing = true;
    std::vector<Slot> m_ring;
    std::size_t m_mask;
    std::uint64_t m_written = 0;
    std::uint64_t m_taken = 0;
    std::uint64_t m_lost = 0;
    std::uint64_t m_seq = 0;
    std::unordered_map<ConnectionId, Tracked> m_connections;
    std::vector<ConnectionId> m_dirty;
    ConnectionId m_lastId = 0;
    Tracked *m_last = nullptr;
    ObserverAttachment m_observing; // last: it detaches before the ring and the records go
};

} // namespace diesel::widgets
