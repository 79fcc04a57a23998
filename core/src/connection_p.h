// SPDX-License-Identifier: MIT
// The inside of a Connection: the socket, its read buffer (borrowed from the Hub only while it
// holds unread bytes), its write queue, TLS, and the Loops waiting on it.
#pragma once

#include "connection_limits.h"
#include "fault_layer.h"
#include "hub_p.h"
#include "platform/sockets.h"
#include "tls_session.h"
#include "watcher.h"

#include <diesel/core/connection.h>
#include <diesel/core/observer.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace diesel::detail {

class ConnectionCore final : public Watcher, public HubResource
{
public:
    enum class Mode : std::uint8_t { Stream, Datagram };

    // Takes the (non-blocking) socket and registers it with the Hub; `owner` names the Service
    // or Client it belongs to for observers; `outgoing`: this side connected (a Client).
    ConnectionCore(HubPrivate &hub, Fd socket, Transport transport, Mode mode, const Address &peer,
                   std::string owner, bool outgoing = false);
    ~ConnectionCore() override;

    // Makes a core (as the constructor does, from `args`) and its Connection in the room above
    // `loop` (kConnectionRoom bytes, asked for at its spawn), which owns the Connection from then
    // on (Loop::adopt_connection()).
    template<class... Args>
    static ConnectionCore &make_in_room(Loop &loop, Args &&...args);
    // Ends a core made with new or in a Loop's room. A core in a room that lingered past its Loop
    // (keep_stack()) gives the Loop's stack back last.
    static void operator delete(ConnectionCore *core, std::destroying_delete_t) noexcept;
    // Before lingering: a core in a Loop's room keeps the Loop's stack until it is done.
    void keep_stack(StackPool &pool) noexcept;

    void on_ready(bool now_readable, bool now_writable) noexcept override;
    void detach_from_hub() noexcept override;

    // Reading. The try_ forms never suspend; they throw ConnectionClosed or LineTooLong.
    // Reads from the stream until at least `at_least` bytes are buffered: false if the reader
    // has to wait first. Throws ConnectionClosed if the stream ends before.
    bool try_fill(std::size_t at_least);
    // The buffered bytes, valid until the next read or consume().
    std::string_view view() const noexcept { return {m_buffer.get() + m_begin, m_end - m_begin}; }
    // Drops the first `n` buffered bytes (n <= buffered()).
    void consume(std::size_t n) noexcept;
    // Whether a read would not have to wait: bytes buffered or read now, or the stream ended.
    bool try_readable();
    // Moves some bytes (>= 1 for a non-empty span) into `out`, or nullopt if it has to wait.
    std::optional<std::size_t> try_read_into(std::span<std::byte> out);
    // The length of the buffered bytes up to and including `sentinel` (reading what the socket
    // has), or nullopt if the reader has to wait. Throws LineTooLong past max_line.
    std::optional<std::size_t> try_find(std::string_view sentinel);
    std::optional<std::string> try_until(std::string_view sentinel);
    std::optional<std::string> try_receive(std::size_t n);
    std::optional<std::string> try_receive_any();
    std::optional<std::string> try_datagram();
    // Unless the socket may be read (or has ended), suspends the calling Loop until it may be;
    // false if the deadline passed first.
    bool wait_readable(const char *primitive,
                       std::optional<Clock::time_point> deadline = std::nullopt);
    void watch_readable(Wait &wait, WaitNode &node, int branch);
    std::size_t buffered() const noexcept { return m_end - m_begin; }
    // A UDPClient's socket is connect()ed: its sends go to that peer.
    void set_connected_datagram() noexcept { m_connected_datagram = true; }

    // Writing: the parts in order, in as few system calls as the socket allows.
    void send(std::span<const std::string_view> parts);

    // Client side: waits for a non-blocking connect() to finish; returns errno (0: connected).
    int wait_connected(std::optional<Clock::time_point> deadline);
    // TLS: starts a session and completes its handshake (suspending); throws TlsError.
    void start_tls(const TlsContext &context, const std::string &server_name,
                   Clock::time_point deadline);

    // Injects `plan`'s faults from now on; a plan that injects none removes the layer.
    void set_faults(const FaultPlan &plan);
    FaultPlan faults() const { return m_faults ? m_faults->plan() : FaultPlan{}; }

    // Flushes what is queued in the background, then closes.
    void close() noexcept;
    bool is_open() const noexcept { return !m_closed && !m_failed && !m_eof; }
    // Whether close() left output to flush: the owner then hands the core to the Hub.
    bool lingering() const noexcept { return m_lingering; }
    HubPrivate *hub() const noexcept { return m_hub; }

private:
    enum class Io { Data, WouldBlock, Eof, Failed };
    // Makes room at the end of the buffer (taking a block from the Hub when there is none, as
    // for most reads: a connection waiting to read gives its empty buffer back).
    void make_room()
    {
        if (m_buffer) [[unlikely]] {
            make_room_in_buffer();
            return;
        }
        m_buffer = m_hub->blocks.take();
        m_capacity = BlockPool::kBlockSize;
        m_pooled = true;
        m_begin = m_end = 0;
    }
    // make_room() when there is a buffer: moves the rest to the front or grows it if need be.
    void make_room_in_buffer();
    // Reads from the stream (TLS or the socket) into `dest`; `n` is set on Io::Data. The caller
    // has made sure that the stream is open (not failed, closed, detached or at its end).
    Io read_stream(char *dest, std::size_t space, std::size_t &n);
    // The socket's read: through the fault layer while one is on (one branch when off).
    Io socket_read(char *dest, std::size_t space, std::size_t &n)
    {
        if (m_faulty) [[unlikely]]
            return faulty_socket_read(dest, space, n);
        return socket_read_now(dest, space, n);
    }
    Io socket_read_now(char *dest, std::size_t space, std::size_t &n);
    // The stream ended: marks it so and returns Io::Eof (out of line, as its message is built in
    // temporaries that would widen the read path's frames).
    [[gnu::cold, gnu::noinline]] Io peer_closed();
    // The TLS layer: plaintext out of the session, feeding it ciphertext from the socket.
    Io tls_read(char *dest, std::size_t space, std::size_t &n);
    // Moves ciphertext from the socket into the session.
    Io tls_input();
    // Sends the session's ciphertext; true once all of it went.
    bool tls_flush() noexcept;
    std::size_t tls_write(std::span<const std::string_view> parts) noexcept;
    // Io::Data: true; Io::WouldBlock: false; otherwise throws ConnectionClosed (the buffered
    // bytes stay).
    bool settle(Io io);
    // Whether a reader has to wait: the socket is known drained and nothing ended it yet.
    bool nothing_to_read() const noexcept
    {
        return !readable && !m_eof && !m_failed && !m_closed && m_hub &&
               !(m_tls && m_tls->has_input());
    }
    Io read_datagram(std::string &out);
    // Writes what the socket takes now; returns how much. Clears `writable` at EAGAIN and marks
    // the connection failed on errors.
    std::size_t write_some(std::span<const std::string_view> parts) noexcept;
    // The socket's gathered write; `report` shows the bytes to observers (not for ciphertext).
    // Through the fault layer while one is on (one branch when off).
    std::size_t socket_write(std::span<const std::string_view> parts, bool report) noexcept
    {
        if (m_faulty) [[unlikely]]
            return faulty_socket_write(parts, report);
        return socket_write_now(parts, report);
    }
    std::size_t socket_write_now(std::span<const std::string_view> parts, bool report) noexcept;
    // Fault injection (connection_faults.cpp): the reads and writes a FaultLayer paces, splits
    // or cuts; holding a direction until the layer's timer resumes it; dropping the connection.
    [[gnu::cold, gnu::noinline]] Io faulty_socket_read(char *dest, std::size_t space,
                                                       std::size_t &n);
    [[gnu::cold, gnu::noinline]] std::size_t
    faulty_socket_write(std::span<const std::string_view> parts, bool report) noexcept;
    void fault_hold(FaultLayer::Dir dir, Clock::time_point until) noexcept;
    void fault_drop(const std::string &why) noexcept;
    // Before the socket closes: stops the layer's timer, and turns the close into a reset.
    [[gnu::cold, gnu::noinline]] void end_faults() noexcept;
    static void on_fault_resume(TimerEntry &entry) noexcept;
    // Writes what is queued (and TLS ciphertext); true once nothing is left.
    bool write_pending() noexcept;
    bool output_pending() const noexcept
    {
        return m_out_offset < m_out.size() || (m_tls && m_tls->has_output());
    }
    // Sends `parts` (`total` bytes) as one datagram.
    void send_datagram(std::span<const std::string_view> parts, std::size_t total);
    // The rest of send() when not all of it went at once: queues what is left (of `total` bytes,
    // `written` went), has on_ready() flush it, and waits while too much is queued.
    void queue_unsent(std::span<const std::string_view> parts, std::size_t written,
                      std::size_t total);
    // Counts `n` bytes read (Hub, Loop); the limits and observers, when there are any, see them
    // too (out of line: most connections have neither).
    void account_in(const char *data, std::size_t n) noexcept
    {
        m_hub->bytes_in += n;
        if (Loop *loop = t_current_loop)
            loop->m_bytes_in += n;
        if ((limits && limits->active()) || m_hub->observing(Observer::Data)) [[unlikely]]
            show_in(data, n);
    }
    [[gnu::cold, gnu::noinline]] void show_in(const char *data, std::size_t n) noexcept;
    // Counts bytes written and shows them to observers (as sent by m_writer).
    void account_out(std::string_view data) noexcept;
    // account_out() for the first `n` bytes of `parts` from `offset` into parts[first].
    void report_written(std::span<const std::string_view> parts, std::size_t first,
                        std::size_t offset, std::size_t n) noexcept
    {
        if (m_hub->observing(Observer::Data)) [[unlikely]]
            show_written(parts, first, offset, n);
        else
            m_hub->bytes_out += n; // nobody looks at the bytes: only count them
    }
    [[gnu::cold, gnu::noinline]] void show_written(std::span<const std::string_view> parts,
                                                   std::size_t first, std::size_t offset,
                                                   std::size_t n) noexcept;
    // Gives an empty buffer back (to the Hub's pool if it came from there).
    void release_buffer_if_empty() noexcept
    {
        if (!m_buffer || m_begin != m_end)
            return;
        if (m_pooled && m_hub)
            m_hub->blocks.give(std::move(m_buffer));
        else
            m_buffer.reset();
        m_capacity = m_begin = m_end = 0;
        m_pooled = false;
    }
    void fail(const std::string &why) noexcept;
    // A read or write failed with `error` (a reset most often): out of line, as its message is
    // built in temporaries that would widen the frames of the read and write paths.
    [[gnu::cold, gnu::noinline]] void fail_reset(int error) noexcept;
    [[noreturn]] void throw_closed();
    // A wait outlived one of `limits`: the connection fails and the wait throws.
    [[noreturn, gnu::cold, gnu::noinline]] void fail_limit(ConnectionLimits::Reason reason);
    // Suspends until the socket may be readable (or writable); false if `deadline` passed. Past
    // one of `limits` the connection fails and it throws ConnectionTimeout.
    bool wait_ready(bool write, const char *primitive,
                    std::optional<Clock::time_point> deadline = std::nullopt);
    // wait_ready() while limits are active (HTTP and WebSocket connections, Services with
    // limits); out of line, so that the wait of a connection without limits stays small.
    [[gnu::noinline]] bool wait_limited(bool write, const char *primitive,
                                        std::optional<Clock::time_point> deadline);
    // Binds `node` to `wait` on the reader or writer list; a reader's empty buffer goes back.
    void enlist(Wait &wait, WaitNode &node, bool write, int branch);
    void update_interest() noexcept;
    // The socket ran dry (EAGAIN or a short read): a level-triggered backend watches it again.
    void read_drained() noexcept
    {
        readable = false;
        if (!edge_triggered)
            update_interest();
    }
    // The socket took no more: as read_drained(), for writing.
    void write_drained() noexcept
    {
        writable = false;
        if (!edge_triggered)
            update_interest();
    }
    // Asks the backend for writability (until write_pending() finds nothing left).
    void watch_writable() noexcept
    {
        if (!want_write) {
            want_write = true;
            update_interest();
        }
    }
    void finish_close() noexcept;
    static void on_linger_timeout(TimerEntry &entry) noexcept;

    // The fields a request touches come first, next to the Watcher's: with thousands of
    // connections each request finds its connection cold, and every line read is a miss.
    HubPrivate *m_hub;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    std::size_t m_scanned = 0; // bytes from m_begin known not to start the sentinel
    std::unique_ptr<TlsSession> m_tls;

public:
    // Read by every read (max_line) and every wait (limits): kept with the hot fields above.
    std::size_t max_line;
    // Bounds on every wait to read or write (see ConnectionLimits); past one the connection
    // fails and the wait throws ConnectionTimeout. Made by the first limit set: a connection
    // without limits (an idle one held by the thousand) does not pay for them.
    std::unique_ptr<ConnectionLimits> limits;

private:
    Fd m_socket; // Watcher::fd is its number while open
    Mode m_mode;
    bool m_pooled = false; // m_buffer came from the Hub's BlockPool
    bool m_eof = false;    // the peer closed its side
    bool m_failed = false; // reset or another hard error
    bool m_closed = false; // close() was called
    bool m_lingering = false;
    bool m_read_needs_write = false;   // a TLS read waits for writability
    bool m_write_needs_read = false;   // a TLS write waits for the peer's handshake messages
    bool m_connected_datagram = false; // a UDPClient's socket: send() needs no address
    bool m_faulty = false; // m_faults is set: reads and writes go through it (in the padding)
    // send() reads both to know that nothing is queued: next to each other, after the hot fields.
    std::size_t m_out_offset = 0;
    std::string m_out;
    LoopId m_writer = 0;         // the Loop that sent last: observers see written bytes as its
    std::string m_scan_sentinel; // the sentinel m_scanned counts for (while it is not 0)
    // Why it closed, made when it does: an open connection does not carry the text.
    std::unique_ptr<std::string> m_why;
    void set_why(std::string why) { m_why = std::make_unique<std::string>(std::move(why)); }
    std::string why() const { return m_why ? *m_why : std::string(); }

public:
    ConnectionLimits &set_limits()
    {
        if (!limits)
            limits = std::make_unique<ConnectionLimits>();
        return *limits;
    }
    ConnectionInfo info;

private:
    struct LingerTimer : TimerEntry
    {
        ConnectionCore *core = nullptr;
    };
    // The timer of the limits, armed lazily: a wait whose limit lies beyond where the timer
    // stands leaves it there, and the timer, firing early, moves itself on to the limit of the
    // wait in progress. Re-arming it for each request of a keep-alive connection would take it
    // out of the middle of the Hub's heap, a cold entry of another Loop read on every level.
    struct LimitTimer : TimerEntry
    {
        ConnectionCore *core = nullptr;
        Loop *loop = nullptr; // the Loop waiting under a limit (nullptr: none)
        std::uint32_t epoch = 0;
        Clock::time_point due{}; // when its wait ends
    };
    // Lets the running Loop's wait end at `due` by the limit timer; false if another Loop's
    // wait holds it (that wait then takes a timer of its own).
    bool watch_limit(Clock::time_point due);
    static void on_limit_timer(TimerEntry &entry) noexcept;
    void disarm_limit_timer() noexcept;
    // Made by the first wait under a limit: a connection without limits (an idle one held by
    // the thousand) does not pay for it.
    std::unique_ptr<LimitTimer> m_limit_timer;
    // Made only when close() leaves output queued: an open connection does not pay for it.
    std::unique_ptr<LingerTimer> m_linger_timer;
    // Made only while a FaultPlan is active: a connection without faults does not pay for it.
    std::unique_ptr<FaultLayer> m_faults;
    // Where a core made in a Loop's room lives (stack.sp is null for a core made with new), and
    // the pool to give that stack back to once the core, lingering, outlived its Loop.
    struct Room
    {
        boost::context::stack_context stack{};
        StackPool *keeper = nullptr;
    };
    Room m_room;
};

// The room a Service asks for above each connection's Loop: its Connection, then the core. The
// Connection's pointer to the core then shares a line with the core's first fields (the watcher
// every request reads): one line less per request, with thousands of connections each a miss.
inline constexpr std::size_t kCoreOffset = round_up(sizeof(Connection), alignof(ConnectionCore));
inline constexpr std::size_t kConnectionRoom = kCoreOffset + sizeof(ConnectionCore);

template<class... Args>
ConnectionCore &ConnectionCore::make_in_room(Loop &loop, Args &&...args)
{
    char *const room = static_cast<char *>(HubPrivate::room_of(loop));
    auto *core = ::new (room + kCoreOffset) ConnectionCore(std::forward<Args>(args)...);
    core->m_room.stack = HubPrivate::stack_of(loop);
    auto *conn = ::new (room) Connection(std::unique_ptr<ConnectionCore>(core));
    conn->m_in_room = true;
    loop.adopt_connection(std::unique_ptr<Connection>(conn));
    return *core;
}

} // namespace diesel::detail
