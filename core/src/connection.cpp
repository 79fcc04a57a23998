// SPDX-License-Identifier: MIT
// Connection: the public face of a ConnectionCore.
#include "connection_p.h"

#include <diesel/core/connection.h>

namespace diesel {

Connection::Connection(std::unique_ptr<detail::ConnectionCore> core) noexcept
    : m_core(std::move(core))
{}

Connection::~Connection()
{
    m_core->close();
    if (m_core->lingering() && m_core->hub()) {
        detail::HubPrivate *hub = m_core->hub();
        try {
            hub->linger(std::move(m_core));
        } catch (...) {
            // Without room to keep it, the queued output is dropped with the socket.
        }
    }
}

ConnectionId Connection::id() const noexcept
{
    return m_core->info.id;
}
Transport Connection::transport() const noexcept
{
    return m_core->info.transport;
}
const Address &Connection::local() const noexcept
{
    return m_core->info.local;
}
const Address &Connection::peer() const noexcept
{
    return m_core->info.peer;
}
const ConnectionInfo &Connection::info() const noexcept
{
    return m_core->info;
}
int Connection::native_handle() const noexcept
{
    return m_core->fd;
}
void Connection::set_owner(std::string owner)
{
    m_core->info.owner = std::move(owner);
}
bool Connection::is_open() const noexcept
{
    return m_core->is_open();
}
std::size_t Connection::buffered() const noexcept
{
    return m_core->buffered();
}
std::size_t Connection::max_line() const noexcept
{
    return m_core->max_line;
}
void Connection::set_max_line(std::size_t bytes) noexcept
{
    m_core->max_line = bytes ? bytes : 1;
}
void Connection::send(std::string_view data)
{
    m_core->send(data);
}

void Connection::set_deadline(std::optional<Clock::time_point> deadline) noexcept
{
    m_core->limits.deadline = deadline;
}

void Connection::set_idle_limits(Clock::duration idle, double min_rate) noexcept
{
    m_core->limits.idle = idle;
    m_core->limits.min_rate = min_rate;
}

std::string Connection::receive(std::size_t n)
{
    for (;;) {
        if (auto result = m_core->try_receive(n))
            return std::move(*result);
        m_core->wait_readable("receive");
    }
}

std::string Connection::receive()
{
    for (;;) {
        if (auto result = m_core->try_receive_any())
            return std::move(*result);
        m_core->wait_readable("receive");
    }
}

std::string Connection::receive(datagram_t)
{
    for (;;) {
        if (auto result = m_core->try_datagram())
            return std::move(*result);
        m_core->wait_readable("receive(datagram)");
    }
}

std::string Connection::until(std::string_view sentinel)
{
    for (;;) {
        if (auto result = m_core->try_until(sentinel))
            return std::move(*result);
        m_core->wait_readable("until");
    }
}

std::string Connection::until_eol()
{
    return until("\n");
}

std::optional<std::string> Connection::try_receive(std::size_t n)
{
    return m_core->try_receive(n);
}
std::optional<std::string> Connection::try_receive_any()
{
    return m_core->try_receive_any();
}
std::optional<std::string> Connection::try_datagram()
{
    return m_core->try_datagram();
}
std::optional<std::string> Connection::try_until(std::string_view sentinel)
{
    return m_core->try_until(sentinel);
}

void Connection::watch_readable(Wait &wait, WaitNode &node, int branch)
{
    m_core->watch_readable(wait, node, branch);
}

void Connection::close() noexcept
{
    m_core->close();
}

} // namespace diesel
