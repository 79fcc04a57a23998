// SPDX-License-Identifier: MIT
// RequestChannel: what every request/response client needs, on one connection shared by many
// Loops. Requests take turns first come first served and pipeline (a Loop sends without waiting
// for earlier replies); replies are matched to requests by position; a Loop that stops waiting
// (cancelled, killed, timed out) leaves its reply to be discarded by the next reader; a lost
// connection is replaced on the next request; a request timeout bounds each request.
//
//     diesel::RequestChannel channel(options, [](diesel::Connection &c) { c.until_eol(); });
//     const std::array<std::string_view, 1> parts{"GET x\n"};
//     std::string line = channel.request(parts, [](diesel::Connection &c) { return c.until_eol();
//     });
#pragma once

#include <diesel/core/client.h>
#include <diesel/core/connection.h>
#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/export.h>
#include <diesel/core/lock.h>
#include <diesel/core/types.h>
#include <diesel/core/wait.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace diesel {

class RequestChannel;

/// Where a RequestChannel connects, how long a request may take, what runs on each connection.
struct DIESEL_CORE_EXPORT RequestChannelOptions
{
    std::string host = "localhost";
    std::uint16_t port = 0;
    /// Connect timeout, TLS, max_line, label (ClientOptions::on_connect runs before on_connect).
    ClientOptions client;
    /// Bounds each request from its write to the end of its whole reply; past it the connection
    /// is dropped and the request throws RequestTimeout. None: unbounded.
    std::optional<Seconds> request_timeout;
    /// Names the channel in the workbench (its waiting Loops) and in errors; default host:port.
    std::string name;
    /// false: after the first connection is lost, requests throw ConnectionClosed.
    bool reconnect = true;
    /// Runs on every new connection before any queued request (AUTH, SELECT, a client id). It
    /// may make requests through the channel; they go first. If it throws, the connection is
    /// dropped and the request that connected throws it.
    std::function<void(RequestChannel &)> on_connect;
    /// Runs whenever a connection is dropped (lost, timed out, closed): forget per-connection
    /// parser state here. It must not throw.
    std::function<void()> on_disconnect;
};

/// How long one request may take, relative to the channel's request_timeout.
struct DIESEL_CORE_EXPORT RequestTime
{
    Clock::duration extra{}; ///< added to request_timeout (a blocking command's own wait)
    bool unbounded = false;  ///< no timeout at all for this request
};

/// One connection shared by many Loops for requests and their replies (see the file comment).
/// All members must be called on the Hub's thread; the ones that can suspend from a Loop.
class DIESEL_CORE_EXPORT RequestChannel
{
public:
    /// Reads one whole reply from the connection and throws it away. The channel calls it for a
    /// reply whose Loop stopped waiting, so the next Loop reads its own reply. It must be
    /// resumable: parser state lives in the protocol object, not on a Loop's stack (a
    /// length-prefixed protocol peeks the whole frame before consuming it). A streamed reply
    /// (frames until a last one) is ONE reply: it reads to its end.
    using DiscardReply = std::function<void(Connection &)>;

    /// A channel to options.host:options.port; it connects on the first request (or connect()).
    RequestChannel(RequestChannelOptions options, DiscardReply discard_reply);
    RequestChannel(const RequestChannel &) = delete;
    RequestChannel &operator=(const RequestChannel &) = delete;
    /// Closes the connection. No Loop may still use the channel.
    ~RequestChannel();

    /// One request (or a pipeline of them) in flight. Move-only; destroyed before finish()
    /// (exception, cancellation), its unread replies are discarded by whoever reads next.
    class Ticket
    {
    public:
        /// A ticket for nothing.
        Ticket() noexcept = default;
        /// Takes over `other`'s request.
        Ticket(Ticket &&other) noexcept;
        /// Gives up this ticket's request (as the destructor), then takes over `other`'s.
        Ticket &operator=(Ticket &&other) noexcept;
        /// Gives up the request if not finished: its replies are discarded later.
        ~Ticket();

        /// Suspends until every earlier reply on this connection was read, then returns the
        /// connection positioned at this reply (read it with peek()/consume()/until()...), with
        /// the request's deadline set on it. Throws ConnectionClosed when the connection was
        /// lost (the request may or may not have run), RequestTimeout past the request timeout.
        Connection &await();
        /// await(), then fn(connection); a connection lost or timed out inside fn drops the
        /// connection and throws ConnectionClosed or RequestTimeout naming the channel.
        template<class Read>
        decltype(auto) read(Read &&fn)
        {
            Connection &conn = await();
            try {
                return std::forward<Read>(fn)(conn);
            } catch (const ConnectionClosed &) {
                failed(std::current_exception());
            }
        }
        /// One more of this ticket's replies has been read (for tickets of several replies read
        /// one by one, so that a Loop stopping midway leaves only the rest to discard).
        void replied() noexcept;
        /// All of the ticket's replies have been read; the next Loop may read.
        void finish() noexcept;
        /// The reply cannot be read (malformed bytes, the connection lost or past its deadline
        /// while reading): drops the connection if it is still this ticket's, so that the next
        /// request reconnects, and ends the ticket.
        void abort() noexcept;
        /// Whether the ticket still stands for a request (not finished, not empty).
        explicit operator bool() const noexcept { return m_channel != nullptr; }

    private:
        friend class RequestChannel;
        [[noreturn]] void failed(std::exception_ptr error);
        void release() noexcept;
        bool current() const noexcept;

        RequestChannel *m_channel = nullptr;
        std::uint64_t m_generation = 0; // the connection it was sent on
        std::uint64_t m_first = 0;      // position of its first reply on that connection
        std::uint64_t m_end = 0;        // past its last reply
        Clock::time_point m_deadline = Clock::time_point::max();
        Clock::duration m_timeout{}; // what the deadline allows, for messages
        // Set while it holds the read turn: keeps the connection alive under the reading Loop
        // even if another Loop closes or replaces it meanwhile.
        std::shared_ptr<Connection> m_conn;
    };

    /// Holds the send turn across several sends (a transaction); re-entrant. Move-only.
    class Hold
    {
    public:
        /// Takes over `other`'s hold.
        Hold(Hold &&other) noexcept
            : m_channel(std::exchange(other.m_channel, nullptr))
        {}
        Hold &operator=(Hold &&) = delete;
        /// Gives the send turn back (to the longest-waiting Loop).
        ~Hold();

    private:
        friend class RequestChannel;
        explicit Hold(RequestChannel &channel) noexcept
            : m_channel(&channel)
        {}
        RequestChannel *m_channel;
    };

    /// Waits for the send turn (Loops take turns first come first served; the Loop holding a
    /// Hold goes on), connects or reconnects if needed, writes `parts` in one gathered write and
    /// returns the ticket for its `replies` replies. Does not wait for earlier replies. Throws
    /// ConnectionClosed, RequestTimeout, and what connecting throws.
    Ticket send(std::span<const std::string_view> parts, std::size_t replies = 1,
                RequestTime time = {});
    /// send() of one buffer.
    Ticket send(std::string_view bytes, std::size_t replies = 1, RequestTime time = {})
    {
        return send(std::span<const std::string_view>(&bytes, 1), replies, time);
    }
    /// send() by the Loop holding `turn` (this channel's, from hold()): it does not ask for the
    /// turn again, which saves finding the calling Loop on every request.
    Ticket send(const Hold &turn, std::span<const std::string_view> parts, std::size_t replies = 1,
                RequestTime time = {});
    /// send(turn, ...) of one buffer.
    Ticket send(const Hold &turn, std::string_view bytes, std::size_t replies = 1,
                RequestTime time = {})
    {
        return send(turn, std::span<const std::string_view>(&bytes, 1), replies, time);
    }

    /// send() of `bytes` only if it needs no waiting: the send turn free (or the caller's) and a
    /// connection open. Never suspends unless more than 1 MiB is queued; an empty ticket when it
    /// did not send. For destructors: dropping the ticket leaves the reply to the next reader.
    Ticket try_send(std::string_view bytes, std::size_t replies = 1) noexcept;

    /// send() + read(fn) + finish(): the usual one-request call; returns what fn returns.
    template<class Read>
    decltype(auto) request(std::span<const std::string_view> parts, Read &&fn,
                           RequestTime time = {})
    {
        Ticket ticket = send(parts, 1, time);
        if constexpr (std::is_void_v<std::invoke_result_t<Read &, Connection &>>) {
            ticket.read(std::forward<Read>(fn));
            ticket.finish();
        } else {
            auto result = ticket.read(std::forward<Read>(fn));
            ticket.finish();
            return result;
        }
    }

    /// Suspends until the calling Loop holds the send turn; it keeps it until the Hold goes.
    [[nodiscard]] Hold hold();
    /// Connects now unless connected (checking an idle connection is still alive), under the
    /// send turn. Throws what connecting and on_connect throw.
    void connect();
    /// Drops the connection and connects to host:port from now on (connecting now); the name
    /// stays.
    void connect(const std::string &host, std::uint16_t port);
    /// Drops the connection; tickets in flight throw ConnectionClosed.
    void close() noexcept;

    /// True while a connection is open (as far as known without reading).
    bool is_connected() const noexcept;
    /// How many connections were made so far.
    std::uint64_t connects() const noexcept { return m_connects; }
    /// Replies sent for and not yet read (or discarded) on this connection.
    std::uint64_t in_flight() const noexcept { return m_sent - m_read; }
    /// The name from the options (default host:port).
    const std::string &name() const noexcept { return m_name; }
    const RequestChannelOptions &options() const noexcept { return m_options; }
    /// The connection's owner, for Endpoint::call(fn) with the connection current. Throws
    /// NoConnection from call() when not connected.
    Endpoint &endpoint() noexcept { return m_client; }

private:
    // A Loop waiting for its turn to read the reply at `position`.
    struct ReadWaiter : WaitNode
    {
        std::uint64_t position = 0;
    };
    // The send turn: Lock gives FIFO hand-off; the owner may take it again (on_connect, Hold).
    void take_turn(Loop &me);
    void give_turn() noexcept;
    std::shared_ptr<Connection> ensure_connected();
    // send() once the calling Loop holds the turn.
    Ticket send_held(std::span<const std::string_view> parts, std::size_t replies,
                     RequestTime time);
    Ticket issue(std::size_t replies, Clock::duration timeout, Clock::time_point deadline) noexcept;
    void connect_now();
    void drop() noexcept;
    bool is_abandoned(std::uint64_t position) const noexcept;
    void abandon(std::uint64_t from, std::uint64_t end);
    void discard_one(Ticket &ticket);
    void wait_read_turn(Ticket &ticket);
    void hand_over() noexcept;
    bool current(const Ticket &ticket) const noexcept;
    [[noreturn]] void throw_lost(const char *while_doing) const;
    [[noreturn]] void throw_timeout(const Ticket &ticket) const;
    Clock::duration timeout_of(RequestTime time) const noexcept;

    RequestChannelOptions m_options;
    DiscardReply m_discard;
    std::string m_name;
    std::string m_reply_name; // the read turn's name in the workbench
    Client m_client;
    Lock m_turn;
    Loop *m_turn_owner = nullptr;
    std::size_t m_turn_depth = 0;
    std::uint64_t m_generation = 1; // bumped by every drop: tickets of older ones are void
    std::uint64_t m_sent = 0;       // replies requested on this connection
    std::uint64_t m_read = 0;       // replies read or discarded on it
    bool m_reading = false;         // a Loop holds the read turn
    std::uint64_t m_connects = 0;
    // Reply ranges [first, end) whose Loops stopped waiting, for the next reader to discard.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> m_abandoned;
    detail::IntrusiveList<ReadWaiter> m_readers;
};

} // namespace diesel
