// SPDX-License-Identifier: MIT
// A connection: a socket with a read buffer and a write buffer. Loops use it through the free
// functions of <diesel/core/io.h>, which act on the calling Loop's current connection.
#pragma once

#include <diesel/core/address.h>
#include <diesel/core/export.h>
#include <diesel/core/faults.h>
#include <diesel/core/observer.h>
#include <diesel/core/types.h>

#include <cstddef>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace diesel {

class Hub;
class Wait;
class WaitNode;
class TlsContext;

/// Tag of receive(datagram): one whole datagram.
struct DIESEL_CORE_EXPORT datagram_t
{
    explicit constexpr datagram_t() = default;
};
/// Pass to receive() to receive one datagram, as in the guide's `receive(datagram)`.
inline constexpr datagram_t datagram{};

namespace detail {
class ConnectionCore;
}

/// A TCP, TLS or UDP socket owned by a Service's Loop or a Client. All members must be called on
/// the Hub's thread; the ones that can suspend must be called from a Loop.
class DIESEL_CORE_EXPORT Connection
{
public:
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    ConnectionId id() const noexcept;
    Transport transport() const noexcept;
    const Address &local() const noexcept;
    /// The peer; for a UDPService socket, the sender of the last datagram received.
    const Address &peer() const noexcept;
    const ConnectionInfo &info() const noexcept;
    /// The socket, for socket options the runtime does not offer (kNoSocket once closed).
    /// Do not read, write or close it directly.
    SocketHandle native_handle() const noexcept;
    /// Sets the owner shown to observers ("service :4321", "client").
    void set_owner(std::string owner);

    /// False once closed by close() or seen closed or reset by the peer.
    bool is_open() const noexcept;
    /// Bytes received and not yet consumed.
    std::size_t buffered() const noexcept;
    /// Longest line until()/until_eol() accept before throwing LineTooLong.
    std::size_t max_line() const noexcept;
    void set_max_line(std::size_t bytes) noexcept;

    /// Queues `data` and writes as much as the socket takes now. Suspends the calling Loop only
    /// while more than 1 MiB is waiting to be written. Throws ConnectionClosed.
    void send(std::string_view data);
    /// send() of the parts in order, gathered into as few writes as possible (one datagram on UDP).
    void send(std::span<const std::string_view> parts);

    /// The buffered bytes, after suspending the calling Loop until at least `at_least` are
    /// buffered. A parser reads them in place and consume()s what it parsed; the view stays
    /// valid until the next read or consume() on this connection. Throws ConnectionClosed.
    std::string_view peek(std::size_t at_least = 1);
    /// Drops the first `n` buffered bytes; throws Error if fewer are buffered.
    void consume(std::size_t n);
    /// Moves some bytes into `out` (buffered ones first), suspending the calling Loop until at
    /// least one is there; returns how many (0 only for an empty span).
    std::size_t read_into(std::span<std::byte> out);
    /// Suspends the calling Loop until a read can make progress (bytes buffered, arrived, or the
    /// stream ended); false if `deadline` passed first.
    bool wait_readable(std::optional<Clock::time_point> deadline = std::nullopt);
    /// Suspends the calling Loop until exactly `n` bytes are available; returns them.
    std::string receive(std::size_t n);
    /// Returns what is buffered, or suspends until at least one byte arrives.
    std::string receive();
    /// Suspends the calling Loop until a datagram arrives (UDP); returns it.
    std::string receive(datagram_t);
    /// Suspends the calling Loop until `sentinel` arrives; returns the bytes up to and including
    /// it. Throws LineTooLong past max_line() bytes without it (consuming nothing).
    std::string until(std::string_view sentinel);
    /// until("\n"): a line with its ending ("\r\n" or "\n").
    std::string until_eol();
    /// until() into `line` (replacing its contents), as std::getline: a string reused line after
    /// line keeps its capacity, so reading costs no allocation once it held the longest line.
    void until(std::string_view sentinel, std::string &line);
    /// until_eol() into `line`, reusing its capacity.
    void until_eol(std::string &line);

    /// Non-suspending forms for first(): the value if available now, else nullopt.
    std::optional<std::string> try_receive(std::size_t n);
    std::optional<std::string> try_receive_any();
    std::optional<std::string> try_datagram();
    std::optional<std::string> try_until(std::string_view sentinel);
    /// Adds `node` to `wait` and wakes it (with `branch`) when the socket becomes readable.
    void watch_readable(Wait &wait, WaitNode &node, int branch);

    /// Bounds every wait to read or write on this connection: past `deadline` the connection is
    /// closed and the wait throws ConnectionTimeout (a client's request timeout). nullopt: none.
    void set_deadline(std::optional<Clock::time_point> deadline) noexcept;
    /// Closes the connection with ConnectionTimeout when a wait to read sees nothing arrive for
    /// `idle` (a wait to write lasts `idle`), or when a message whose first bytes are in comes
    /// slower than `min_rate` bytes/s after an allowance of 10 s (or `idle` if shorter). Zero
    /// turns each off. Waits inside
    /// first() are not bounded (they carry their own sleep).
    void set_idle_limits(Clock::duration idle, double min_rate) noexcept;

    /// Injects `plan`'s faults from now on (a default plan switches them off); takes effect at
    /// once, also while the connection is busy. TCP and TLS only.
    void set_faults(const FaultPlan &plan);
    /// The faults it injects (a default plan when none).
    FaultPlan faults() const;

    /// Flushes what is queued (in the background: never suspends) and closes.
    void close() noexcept;

    /// Internals; not API.
    detail::ConnectionCore &core() noexcept { return *m_core; }
    /// Wraps a core made by a Service, a Client or a UDPService.
    explicit Connection(std::unique_ptr<detail::ConnectionCore> core) noexcept;
    /// Ends a Connection made with new, or one a Service made in its Loop's stack (which only
    /// has to end: the stack's memory goes with the Loop).
    static void operator delete(Connection *conn, std::destroying_delete_t) noexcept;

private:
    friend class detail::ConnectionCore;
    std::unique_ptr<detail::ConnectionCore> m_core;
    bool m_in_room = false; // made in a Loop's stack (detail::ConnectionCore::make_in_room())
};

} // namespace diesel
