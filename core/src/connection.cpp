// SPDX-License-Identifier: MIT
// Connection: the public face of a ConnectionCore.
#include "connection_p.h"

#include <diesel/core/connection.h>
#include <diesel/core/error.h>

#include <cstring>
#include <string>

namespace diesel {

Connection::Connection(std::unique_ptr<detail::ConnectionCore> core) noexcept
    : m_core(std::move(core))
{}

void Connection::operator delete(Connection *conn, std::destroying_delete_t) noexcept
{
    const bool in_room = conn->m_in_room;
    conn->~Connection();
    if (!in_room)
        ::operator delete(conn);
}

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
SocketHandle Connection::native_handle() const noexcept
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
    m_core->send({&data, 1});
}
void Connection::send(std::span<const std::string_view> parts)
{
    m_core->send(parts);
}

namespace {
// Retries the non-suspending `attempt` (a try_ form), waiting for the socket in between.
template<class Attempt>
auto until_done(detail::ConnectionCore &core, const char *primitive, Attempt attempt)
{
    for (;;) {
        if (auto result = attempt())
            return std::move(*result);
        core.wait_readable(primitive);
    }
}
} // namespace

std::string_view Connection::peek(std::size_t at_least)
{
    while (!m_core->try_fill(at_least))
        m_core->wait_readable("peek");
    return m_core->view();
}

void Connection::consume(std::size_t n)
{
    if (n > m_core->buffered())
        throw Error("consume(" + std::to_string(n) + "): only " +
                    std::to_string(m_core->buffered()) + " bytes are buffered");
    m_core->consume(n);
}

std::size_t Connection::read_into(std::span<std::byte> out)
{
    return until_done(*m_core, "read_into", [&] { return m_core->try_read_into(out); });
}

bool Connection::wait_readable(std::optional<Clock::time_point> deadline)
{
    while (!m_core->try_readable()) {
        if (!m_core->wait_readable("wait_readable", deadline))
            return false;
    }
    return true;
}

void Connection::set_deadline(std::optional<Clock::time_point> deadline) noexcept
{
    if (deadline || m_core->limits)
        m_core->set_limits().deadline = deadline;
}

void Connection::set_idle_limits(Clock::duration idle, double min_rate) noexcept
{
    if (idle.count() <= 0 && min_rate <= 0 && !m_core->limits)
        return;
    detail::ConnectionLimits &limits = m_core->set_limits();
    limits.idle = idle;
    limits.min_rate = min_rate;
}

std::string Connection::receive(std::size_t n)
{
    return until_done(*m_core, "receive", [&] { return m_core->try_receive(n); });
}

std::string Connection::receive()
{
    return until_done(*m_core, "receive", [&] { return m_core->try_receive_any(); });
}

std::string Connection::receive(datagram_t)
{
    return until_done(*m_core, "receive(datagram)", [&] { return m_core->try_datagram(); });
}

void Connection::until(std::string_view sentinel, std::string &line)
{
    const std::size_t length =
        until_done(*m_core, "until", [&] { return m_core->try_find(sentinel); });
    // A line no longer than the last one (most lines) is copied over it after setting the
    // length: std::string's general replace costs more than the copy of a typical line.
    const char *bytes = m_core->view().data();
    if (length <= line.size()) {
        line.erase(length);
        std::memcpy(line.data(), bytes, length);
    } else {
        line.assign(bytes, length);
    }
    m_core->consume(length);
}

std::string Connection::until(std::string_view sentinel)
{
    std::string line;
    until(sentinel, line);
    return line;
}

void Connection::until_eol(std::string &line)
{
    until("\n", line);
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

void Connection::set_faults(const FaultPlan &plan)
{
    m_core->set_faults(plan);
}

FaultPlan Connection::faults() const
{
    return m_core->faults();
}

void Connection::close() noexcept
{
    m_core->close();
}

} // namespace diesel
