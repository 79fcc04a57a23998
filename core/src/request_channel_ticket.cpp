// SPDX-License-Identifier: MIT
// The read side of a RequestChannel: replies read in request order, abandoned ones discarded.
#include <diesel/core/detail/seconds_text.h>
#include <diesel/core/error.h>
#include <diesel/core/request_channel.h>

#include <algorithm>

namespace diesel {

using Ticket = RequestChannel::Ticket;

Ticket::Ticket(Ticket &&other) noexcept
    : m_channel(std::exchange(other.m_channel, nullptr))
    , m_generation(other.m_generation)
    , m_first(other.m_first)
    , m_end(other.m_end)
    , m_deadline(other.m_deadline)
    , m_timeout(other.m_timeout)
    , m_conn(std::move(other.m_conn))
{}

Ticket &Ticket::operator=(Ticket &&other) noexcept
{
    if (this != &other) {
        release();
        m_channel = std::exchange(other.m_channel, nullptr);
        m_generation = other.m_generation;
        m_first = other.m_first;
        m_end = other.m_end;
        m_deadline = other.m_deadline;
        m_timeout = other.m_timeout;
        m_conn = std::move(other.m_conn);
    }
    return *this;
}

Ticket::~Ticket()
{
    release();
}

void Ticket::release() noexcept
{
    if (!m_channel)
        return; // finished, aborted, moved from or empty: it holds nothing (the usual case)
    RequestChannel *channel = std::exchange(m_channel, nullptr);
    const std::shared_ptr<Connection> conn = std::move(m_conn);
    if (!channel->current(*this))
        return;
    if (conn) {
        // Stopped mid-reply: the rest of this reply (its parser state is in the protocol
        // object) and the replies after it are the next reader's to discard.
        channel->m_reading = false;
        if (!conn->is_open()) {
            channel->drop();
            return;
        }
        conn->set_deadline(std::nullopt);
        channel->abandon(channel->m_read, m_end);
    } else {
        channel->abandon(m_first, m_end);
    }
    channel->hand_over();
}

void Ticket::replied() noexcept
{
    if (m_channel && m_conn && m_channel->current(*this) && m_channel->m_read < m_end)
        ++m_channel->m_read;
}

void Ticket::finish() noexcept
{
    RequestChannel *channel = std::exchange(m_channel, nullptr);
    const std::shared_ptr<Connection> conn = std::move(m_conn);
    if (!channel || !channel->current(*this))
        return;
    if (conn)
        conn->set_deadline(std::nullopt);
    channel->m_read = m_end;
    channel->m_reading = false;
    channel->hand_over();
}

Connection &Ticket::await()
{
    if (!m_channel)
        throw Error("RequestChannel::Ticket::await() on a finished or empty ticket");
    if (m_conn)
        return *m_conn;
    RequestChannel &channel = *m_channel;
    for (;;) {
        if (!channel.current(*this))
            channel.throw_lost("before the reply came");
        if (!channel.m_reading) {
            if (channel.m_read == m_first) {
                m_conn = channel.m_client.shared_connection();
                channel.m_reading = true;
                if (m_deadline != Clock::time_point::max())
                    m_conn->set_deadline(m_deadline);
                return *m_conn;
            }
            if (channel.is_abandoned(channel.m_read)) {
                channel.discard_one(*this);
                continue;
            }
        }
        channel.wait_read_turn(*this);
    }
}

bool Ticket::current() const noexcept
{
    return m_channel && m_channel->current(*this);
}

void Ticket::abort() noexcept
{
    if (current())
        m_channel->drop();
    m_channel = nullptr;
    m_conn.reset();
}

void Ticket::failed(std::exception_ptr error)
{
    RequestChannel &channel = *m_channel;
    abort();
    try {
        std::rethrow_exception(error);
    } catch (const ConnectionTimeout &) {
        channel.throw_timeout(*this);
    } catch (const ConnectionClosed &e) {
        throw ConnectionClosed(
            channel.m_name + ": connection lost while reading a reply: " + e.what(), e.buffered());
    }
}

bool RequestChannel::current(const Ticket &ticket) const noexcept
{
    return ticket.m_generation == m_generation;
}

void RequestChannel::throw_lost(const char *while_doing) const
{
    throw ConnectionClosed(m_name + ": connection lost " + while_doing +
                           " (the request may or may not have run)");
}

void RequestChannel::throw_timeout(const Ticket &ticket) const
{
    throw RequestTimeout(m_name + ": no reply within " + detail::seconds_text(ticket.m_timeout) +
                         " (the request timeout); connection closed");
}

bool RequestChannel::is_abandoned(std::uint64_t position) const noexcept
{
    return std::any_of(m_abandoned.begin(), m_abandoned.end(), [&](const auto &range) {
        return range.first <= position && position < range.second;
    });
}

void RequestChannel::abandon(std::uint64_t from, std::uint64_t end)
{
    if (from >= end)
        return;
    try {
        m_abandoned.emplace_back(from, end);
    } catch (...) {
        drop(); // out of memory: forget the connection rather than lose track of a reply
    }
}

void RequestChannel::discard_one(Ticket &ticket)
{
    // Read on behalf of a Loop that stopped waiting; the reader's time is spent on it, so the
    // reader's deadline bounds it.
    const std::shared_ptr<Connection> conn = m_client.shared_connection();
    m_reading = true;
    if (ticket.m_deadline != Clock::time_point::max())
        conn->set_deadline(ticket.m_deadline);
    try {
        m_discard(*conn);
    } catch (const ConnectionTimeout &) {
        if (current(ticket))
            drop();
        throw_timeout(ticket);
    } catch (const ConnectionClosed &e) {
        if (current(ticket))
            drop();
        throw ConnectionClosed(
            m_name + ": connection lost while discarding an abandoned reply: " + e.what());
    } catch (const std::exception &) {
        // Malformed bytes: drop rather than guess where the next reply starts.
        if (current(ticket))
            drop();
        throw;
    } catch (...) {
        // Cancelled mid-discard: the next reader resumes it (its parse state is the protocol's).
        if (current(ticket)) {
            m_reading = false;
            conn->set_deadline(std::nullopt);
        }
        throw;
    }
    if (!current(ticket))
        return; // dropped meanwhile (close() from another Loop): positions start over
    conn->set_deadline(std::nullopt);
    m_reading = false;
    ++m_read;
    std::erase_if(m_abandoned, [&](const auto &range) { return range.second <= m_read; });
}

void RequestChannel::wait_read_turn(Ticket &ticket)
{
    Wait wait("RequestChannel::Ticket::await");
    ReadWaiter node;
    node.position = ticket.m_first;
    wait.add(node, 0, WaitKind::Lock);
    m_readers.push_back(node);
    if (ticket.m_deadline != Clock::time_point::max())
        wait.set_deadline(ticket.m_deadline);
    if (wait.suspend(WaitInfo::of(WaitKind::Lock, m_reply_name, this)) == Wait::timed_out) {
        // Its request was sent and its reply is stuck behind others: the connection is no use.
        if (current(ticket))
            drop();
        throw_timeout(ticket);
    }
}

void RequestChannel::hand_over() noexcept
{
    if (m_reading || m_readers.empty())
        return;
    // The Loop whose reply is next; else, if the next reply was abandoned, any reader, to
    // discard it.
    bool woken = false;
    m_readers.for_each([&](ReadWaiter &waiter) {
        if (!woken && waiter.position == m_read)
            woken = waiter.notify();
    });
    if (woken || !is_abandoned(m_read))
        return;
    m_readers.for_each([&](ReadWaiter &waiter) {
        if (!woken)
            woken = waiter.notify();
    });
}

} // namespace diesel
