// SPDX-License-Identifier: MIT
// ConnectionCore: its life (open, observe, close, linger), connecting and TLS.
#include "connection_p.h"

#include <diesel/core/connection.h>
#include <diesel/core/error.h>
#include <diesel/core/loop.h>
#include <diesel/core/wait.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace diesel::detail {

namespace {
std::atomic<ConnectionId> g_next_connection_id{1};

// How long a closed connection may take to flush what was queued.
constexpr auto kLingerTime = std::chrono::seconds(30);
} // namespace

ConnectionCore::ConnectionCore(HubPrivate &hub, Fd socket, Transport transport, Mode mode,
                               const Address &peer, std::string owner, bool outgoing)
    : Watcher(socket.get())
    , m_hub(&hub)
    , max_line(hub.default_max_line)
    , m_socket(std::move(socket))
    , m_mode(mode)
{
    info.owner = std::move(owner);
    info.outgoing = outgoing;
    info.id = g_next_connection_id.fetch_add(1, std::memory_order_relaxed);
    info.transport = transport;
    info.peer = peer;
    info.local = local_address(fd);
    hub.backend->add(*this); // on failure m_socket closes the socket
    update_interest();
    hub.add_resource(*this);
    ++hub.connections;
    if (hub.observing(Observer::Connections))
        hub.notify(Observer::Connections, [this](Observer &o) { o.connection_opened(info); });
}

ConnectionCore::~ConnectionCore()
{
    m_closed = true;
    finish_close();
    disarm_limit_timer();
}

void ConnectionCore::operator delete(ConnectionCore *core, std::destroying_delete_t) noexcept
{
    Room room = core->m_room;
    core->~ConnectionCore();
    if (!room.stack.sp)
        ::operator delete(core);
    else if (room.keeper)
        room.keeper->deallocate(room.stack);
}

void ConnectionCore::keep_stack(StackPool &pool) noexcept
{
    if (m_room.stack.sp && !m_room.keeper) {
        StackPool::keep(m_room.stack);
        m_room.keeper = &pool;
    }
}

void ConnectionCore::update_interest() noexcept
{
    if (m_hub) {
        try {
            m_hub->backend->update(*this);
        } catch (...) {
            fail("cannot watch the socket");
        }
    }
}

void ConnectionCore::on_ready(bool now_readable, bool now_writable) noexcept
{
    if (now_readable) {
        readable = true;
        if (m_write_needs_read) { // a TLS write waited for the peer's handshake messages
            m_write_needs_read = false;
            write_pending();
            wake_writers();
        }
        wake_readers();
    }
    if (now_writable) {
        writable = true;
        if (output_pending())
            write_pending();
        wake_writers();
        if (m_read_needs_write) {
            m_read_needs_write = false;
            wake_readers(); // let the reader try its TLS read again
        }
    }
    if (m_lingering && (!output_pending() || m_failed))
        finish_close();
}

void ConnectionCore::detach_from_hub() noexcept
{
    if (m_faults)
        m_hub->disarm(m_faults->resume);
    disarm_limit_timer();
    wake_readers();
    wake_writers();
    if (fd != kNoSocket) {
        m_hub->backend->remove(*this);
        m_socket.reset();
        fd = kNoSocket;
    }
    --m_hub->connections;
    m_hub = nullptr;
    m_closed = true;
    m_lingering = false;
    set_why("the Hub was destroyed");
    m_buffer.reset();
}

void ConnectionCore::show_in(const char *data, std::size_t n) noexcept
{
    if (limits && limits->active())
        limits->on_data(n, m_end == m_begin); // called before the bytes join the buffer
    if (m_hub->observing(Observer::Data)) {
        const std::string_view bytes(data, n);
        const Loop *loop = t_current_loop;
        const LoopId id = loop ? loop->id() : 0;
        m_hub->notify(Observer::Data, [&](Observer &o) { o.data(info, Direction::In, bytes, id); });
    }
}

void ConnectionCore::account_out(std::string_view data) noexcept
{
    m_hub->bytes_out += data.size();
    if (m_hub->observing(Observer::Data))
        m_hub->notify(Observer::Data,
                      [&](Observer &o) { o.data(info, Direction::Out, data, m_writer); });
}

void ConnectionCore::fail(const std::string &why) noexcept
{
    if (m_failed)
        return;
    m_failed = true;
    set_why(why);
    wake_readers();
    wake_writers();
}

void ConnectionCore::fail_reset(int error) noexcept
{
    fail(std::string("connection reset: ") + std::strerror(error));
}

void ConnectionCore::throw_closed()
{
    std::string why = this->why();
    if (why.empty())
        why = m_closed ? "the connection was closed" : "the connection is closed";
    throw ConnectionClosed(why, std::string(m_buffer.get() + m_begin, m_end - m_begin));
}

void ConnectionCore::consume(std::size_t n) noexcept
{
    m_begin += n;
    m_scanned = 0;
    if (m_begin == m_end)
        m_begin = m_end = 0;
}

int ConnectionCore::wait_connected(std::optional<Clock::time_point> deadline)
{
    for (;;) {
        if (writable) {
            const int error = pending_error(fd);
            if (want_write) {
                want_write = false;
                update_interest();
            }
            if (error == 0)
                info.local = local_address(fd);
            return error;
        }
        if (!wait_ready(true, "connect", deadline))
            return ETIMEDOUT;
    }
}

void ConnectionCore::start_tls(const TlsContext &context, const std::string &server_name,
                               Clock::time_point deadline)
{
    m_tls = std::make_unique<TlsSession>(context, server_name);
    info.transport = Transport::Tls;
    for (;;) {
        const TlsSession::Status status = m_tls->handshake();
        const bool flushed = tls_flush();
        if (m_failed)
            throw TlsError("TLS handshake: " + why());
        bool in_time = true;
        switch (status) {
        case TlsSession::Status::Done:
            if (flushed)
                return;
            in_time = wait_ready(true, "tls handshake", deadline);
            break;
        case TlsSession::Status::WantRead:
            if (!flushed) {
                in_time = wait_ready(true, "tls handshake", deadline);
                break;
            }
            switch (tls_input()) {
            case Io::Data:
                continue;
            case Io::WouldBlock:
                in_time = wait_ready(false, "tls handshake", deadline);
                break;
            case Io::Eof:
                fail("closed by the peer during the TLS handshake");
                throw TlsError("TLS handshake: the peer closed the connection");
            case Io::Failed:
                throw TlsError("TLS handshake: " + why());
            }
            break;
        case TlsSession::Status::WantWrite:
            in_time = wait_ready(true, "tls handshake", deadline);
            break;
        case TlsSession::Status::Closed:
            fail("closed by the peer during the TLS handshake");
            throw TlsError("TLS handshake: the peer closed the connection");
        case TlsSession::Status::Failed:
            fail("TLS handshake failed");
            throw TlsError("TLS handshake failed: " + m_tls->error());
        }
        if (!in_time) {
            fail("TLS handshake timed out");
            throw TlsError("TLS handshake timed out");
        }
    }
}

void ConnectionCore::close() noexcept
{
    if (m_closed)
        return;
    m_closed = true;
    if (!m_why)
        set_why("the connection was closed");
    if (m_hub && m_tls && !m_failed)
        m_tls->shutdown(); // close_notify goes out with the rest of the output
    if (m_hub && !m_failed && output_pending() && !write_pending() && !m_failed) {
        // Output is still queued: it is flushed by on_ready(), then the socket closes.
        m_lingering = true;
        try {
            m_linger_timer = std::make_unique<LingerTimer>();
            m_linger_timer->core = this;
            m_linger_timer->deadline = Clock::now() + kLingerTime;
            m_linger_timer->fire = &ConnectionCore::on_linger_timeout;
            m_hub->arm(*m_linger_timer);
        } catch (...) {
            finish_close();
        }
        wake_readers();
        return;
    }
    finish_close();
}

void ConnectionCore::on_linger_timeout(TimerEntry &entry) noexcept
{
    ConnectionCore *core = static_cast<LingerTimer &>(entry).core;
    core->fail("the peer did not take the queued output in time");
    core->finish_close();
}

void ConnectionCore::finish_close() noexcept
{
    if (fd == kNoSocket)
        return;
    if (m_faulty) [[unlikely]]
        end_faults();
    wake_readers();
    wake_writers();
    if (m_hub) {
        if (m_linger_timer)
            m_hub->disarm(*m_linger_timer);
        m_hub->backend->remove(*this);
        --m_hub->connections;
        if (m_hub->observing(Observer::Connections)) {
            const std::string reason = why();
            m_hub->notify(Observer::Connections,
                          [&](Observer &o) { o.connection_closed(info, reason); });
        }
        static_cast<ListHook<ResourceTag> &>(*this).unlink();
    }
    m_socket.reset();
    fd = kNoSocket;
    release_buffer_if_empty();
    if (m_lingering) {
        m_lingering = false;
        if (m_hub)
            m_hub->lingering_done();
    }
}

} // namespace diesel::detail
