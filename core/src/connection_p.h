// SPDX-License-Identifier: MIT
// The inside of a Connection: the socket, its read buffer (borrowed from the Hub only while it
// holds unread bytes), its write queue, TLS, and the Loops waiting on it.
#pragma once

#include "connection_limits.h"
#include "hub_p.h"
#include "tls_session.h"
#include "watcher.h"

#include <diesel/core/connection.h>
#include <diesel/core/observer.h>

#include <cerrno>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace diesel::detail {

// Whether a socket call failed only because it would have to wait.
inline bool would_block(int error) noexcept
{
    return error == EAGAIN || error == EWOULDBLOCK;
}

class ConnectionCore final : public Watcher, public HubResource
{
public:
    enum class Mode { Stream, Datagram };

    // Takes ownership of `fd` (non-blocking) and registers it with the Hub; `owner` names the
    // Service or Client it belongs to for observers.
    ConnectionCore(HubPrivate &hub, int fd, Transport transport, Mode mode, const Address &peer,
                   std::string owner);
    ~ConnectionCore() override;

    void on_ready(bool now_readable, bool now_writable) noexcept override;
    void detach_from_hub() noexcept override;

    // Reading. The try_ forms never suspend; they throw ConnectionClosed or LineTooLong.
    std::optional<std::string> try_until(std::string_view sentinel);
    std::optional<std::string> try_receive(std::size_t n);
    std::optional<std::string> try_receive_any();
    std::optional<std::string> try_datagram();
    // Suspends the calling Loop until the socket may be readable (or the deadline passes).
    void wait_readable(const char *primitive);
    void watch_readable(Wait &wait, WaitNode &node, int branch);
    std::size_t buffered() const noexcept { return m_end - m_begin; }
    // A UDPClient's socket is connect()ed: its sends go to that peer.
    void set_connected_datagram() noexcept { m_connected_datagram = true; }

    // Writing.
    void send(std::string_view data);

    // Client side: waits for a non-blocking connect() to finish; returns errno (0: connected).
    int wait_connected(std::optional<Clock::time_point> deadline);
    // TLS: starts a session and completes its handshake (suspending); throws TlsError.
    void start_tls(const TlsContext &context, const std::string &server_name,
                   Clock::time_point deadline);

    // Flushes what is queued in the background, then closes.
    void close() noexcept;
    bool is_open() const noexcept { return !m_closed && !m_failed && !m_eof; }
    // Whether close() left output to flush: the owner then hands the core to the Hub.
    bool lingering() const noexcept { return m_lingering; }
    HubPrivate *hub() const noexcept { return m_hub; }

    ConnectionInfo info;
    std::size_t max_line;
    // Bounds on every wait to read or write (see ConnectionLimits); past one the connection
    // fails and the wait throws ConnectionTimeout.
    ConnectionLimits limits;

private:
    enum class Io { Data, WouldBlock, Eof, Failed };
    Io read_some();
    // Reads more into the buffer: true if bytes came, false if the reader has to wait; throws
    // ConnectionClosed once the stream ended or failed (the buffered bytes stay).
    bool read_more();
    // Whether a reader has to wait: the socket is known drained and nothing ended it yet.
    bool nothing_to_read() const noexcept
    {
        return !readable && !m_eof && !m_failed && !m_closed && m_hub;
    }
    Io read_datagram(std::string &out);
    // Writes what the socket takes now; returns how much. Clears `writable` at EAGAIN and marks
    // the connection failed on errors.
    std::size_t write_some(const char *data, std::size_t size) noexcept;
    bool write_pending() noexcept;
    void account_in(const char *data, std::size_t n) noexcept;
    void account_out(std::string_view data) noexcept;
    void consume(std::size_t n) noexcept;
    void release_buffer_if_empty() noexcept;
    void fail(const std::string &why) noexcept;
    [[noreturn]] void throw_closed();
    // Suspends until the socket may be readable (or writable); false if `deadline` passed. Past
    // one of `limits` the connection fails and it throws ConnectionTimeout.
    bool wait_ready(bool write, const char *primitive,
                    std::optional<Clock::time_point> deadline = std::nullopt);
    void update_interest() noexcept;
    void finish_close() noexcept;
    static void on_linger_timeout(TimerEntry &entry) noexcept;

    HubPrivate *m_hub;
    Mode m_mode;
    std::unique_ptr<TlsSession> m_tls;

    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    bool m_pooled = false;     // m_buffer came from the Hub's BlockPool
    std::size_t m_scanned = 0; // bytes from m_begin known not to start the sentinel
    std::string m_scan_sentinel;

    std::string m_out;
    std::size_t m_out_offset = 0;

    bool m_eof = false;    // the peer closed its side
    bool m_failed = false; // reset or another hard error
    bool m_closed = false; // close() was called
    bool m_lingering = false;
    bool m_read_needs_write = false;   // a TLS read waits for writability
    bool m_connected_datagram = false; // a UDPClient's socket: send() needs no address
    std::string m_why;

    struct LingerTimer : TimerEntry
    {
        ConnectionCore *core = nullptr;
    } m_linger_timer;
};

} // namespace diesel::detail
