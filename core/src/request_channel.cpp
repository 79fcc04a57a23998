// SPDX-License-Identifier: MIT
// The send side of a RequestChannel: the send turn, connecting, writing, closing.
#include "connection_p.h"

#include <diesel/core/detail/deadline.h>
#include <diesel/core/detail/seconds_text.h>
#include <diesel/core/error.h>
#include <diesel/core/request_channel.h>

namespace diesel {

RequestChannel::RequestChannel(RequestChannelOptions options, DiscardReply discard_reply)
    : m_options(std::move(options))
    , m_discard(std::move(discard_reply))
    , m_name(m_options.name.empty() ? m_options.host + ":" + std::to_string(m_options.port)
                                    : m_options.name)
    , m_reply_name(m_name + " reply")
    , m_turn(1, m_name)
{}

RequestChannel::~RequestChannel()
{
    m_client.close();
}

RequestChannel::Hold::~Hold()
{
    if (m_channel)
        m_channel->give_turn();
}

RequestChannel::Hold RequestChannel::hold()
{
    take_turn(Loop::require("RequestChannel::hold"));
    return Hold(*this);
}

void RequestChannel::take_turn(Loop &me)
{
    if (m_turn_owner == &me) {
        ++m_turn_depth;
        return;
    }
    m_turn.acquire(); // FIFO hand-off; a cancelled waiter passes a granted turn on
    m_turn_owner = &me;
    m_turn_depth = 1;
}

void RequestChannel::give_turn() noexcept
{
    if (--m_turn_depth > 0)
        return;
    m_turn_owner = nullptr;
    m_turn.release(); // never throws here: the turn is held
}

void RequestChannel::connect()
{
    Hold hold = this->hold();
    ensure_connected();
}

void RequestChannel::connect(const std::string &host, std::uint16_t port)
{
    Hold hold = this->hold();
    drop();
    m_options.host = host;
    m_options.port = port;
    connect_now();
}

bool RequestChannel::is_connected() const noexcept
{
    return m_client.is_connected();
}

void RequestChannel::close() noexcept
{
    drop();
}

void RequestChannel::drop() noexcept
{
    const bool had = m_client.shared_connection() != nullptr;
    m_client.close();
    ++m_generation;
    m_sent = 0;
    m_read = 0;
    m_reading = false;
    m_abandoned.clear();
    // Waiting readers wake to find their tickets void.
    m_readers.for_each([](ReadWaiter &waiter) { waiter.notify(); });
    if (had && m_options.on_disconnect)
        m_options.on_disconnect();
}

std::shared_ptr<Connection> RequestChannel::ensure_connected()
{
    if (const std::shared_ptr<Connection> conn = m_client.shared_connection()) {
        // A connection the server closed (restart, idle timeout, CLIENT KILL) is noticed here,
        // before a request is sent on it, so that it costs a reconnect and not an error. The
        // read consumes nothing (bytes that came stay for their readers) and, without pending
        // input, is a flag test rather than a system call. Loops still waiting for replies on a
        // closed connection get ConnectionClosed.
        try {
            if (!m_reading)
                conn->core().try_readable();
        } catch (const Error &) {
            drop();
        }
        // With no reply due, arriving bytes belong to nobody: the stream cannot be trusted.
        if (conn->is_open() && !(m_sent == m_read && conn->buffered() > 0) &&
            m_client.shared_connection() == conn)
            return conn;
        drop();
    }
    connect_now();
    return m_client.shared_connection();
}

void RequestChannel::connect_now()
{
    if (m_connects > 0 && !m_options.reconnect)
        throw ConnectionClosed(m_name + ": not connected (reconnecting is turned off)");
    ClientOptions client = m_options.client;
    if (client.label.empty())
        client.label = m_name;
    m_client.connect(m_options.host, m_options.port, std::move(client));
    ++m_connects;
    if (m_options.on_connect) {
        try {
            m_options.on_connect(*this);
        } catch (...) {
            drop();
            throw;
        }
    }
}

Clock::duration RequestChannel::timeout_of(RequestTime time) const noexcept
{
    if (time.unbounded || !m_options.request_timeout)
        return Clock::duration::zero();
    const Clock::duration base = detail::duration_of(*m_options.request_timeout);
    return base == Clock::duration::zero() ? base : base + time.extra;
}

RequestChannel::Ticket RequestChannel::issue(std::size_t replies, Clock::duration timeout,
                                             Clock::time_point deadline) noexcept
{
    Ticket ticket;
    ticket.m_channel = this;
    ticket.m_generation = m_generation;
    ticket.m_first = m_sent;
    m_sent += replies;
    ticket.m_end = m_sent;
    ticket.m_timeout = timeout;
    ticket.m_deadline = deadline;
    return ticket;
}

RequestChannel::Ticket RequestChannel::send(std::span<const std::string_view> parts,
                                            std::size_t replies, RequestTime time)
{
    const Hold turn = hold();
    return send_held(parts, replies, time);
}

RequestChannel::Ticket RequestChannel::send(const Hold &turn,
                                            std::span<const std::string_view> parts,
                                            std::size_t replies, RequestTime time)
{
    if (turn.m_channel != this)
        throw Error(m_name + ": RequestChannel::send() with another channel's turn");
    return send_held(parts, replies, time);
}

RequestChannel::Ticket RequestChannel::send_held(std::span<const std::string_view> parts,
                                                 std::size_t replies, RequestTime time)
{
    // Kept alive here: a large write may suspend while another Loop closes the channel.
    const std::shared_ptr<Connection> keep = ensure_connected();
    Connection &conn = *keep;

    const Clock::duration timeout = timeout_of(time);
    const Clock::time_point deadline =
        timeout != Clock::duration::zero() ? Clock::now() + timeout : Clock::time_point::max();
    // The connection's deadline belongs to the Loop reading; with none, it bounds this write
    // (which only waits when more than 1 MiB is queued).
    const bool bound_write = !m_reading && timeout != Clock::duration::zero();
    if (bound_write)
        conn.set_deadline(deadline);
    try {
        conn.send(parts);
    } catch (const ConnectionTimeout &) {
        drop();
        throw RequestTimeout(m_name + ": the server took no bytes within " +
                             detail::seconds_text(timeout) +
                             " (the request timeout); connection closed");
    } catch (const ConnectionClosed &e) {
        drop();
        throw ConnectionClosed(m_name + ": connection lost while sending: " + e.what());
    }
    if (bound_write && !m_reading)
        conn.set_deadline(std::nullopt);
    return issue(replies, timeout, deadline);
}

RequestChannel::Ticket RequestChannel::try_send(std::string_view bytes,
                                                std::size_t replies) noexcept
{
    Loop *me = Loop::current();
    const std::shared_ptr<Connection> conn = m_client.shared_connection();
    if (!me || !conn || !conn->is_open())
        return {};
    if (m_turn_owner == me) {
        ++m_turn_depth;
    } else if (m_turn.try_acquire()) {
        m_turn_owner = me;
        m_turn_depth = 1;
    } else {
        return {};
    }
    const Hold turn(*this);
    try {
        conn->send(bytes);
    } catch (...) {
        drop(); // the connection is gone, or no memory to queue: either way start over
        return {};
    }
    return issue(replies, timeout_of({}), Clock::time_point::max());
}

} // namespace diesel
