// SPDX-License-Identifier: MIT
#include "connection_p.h"
#include "logging.h"

#include <diesel/core/connection.h>
#include <diesel/core/error.h>
#include <diesel/core/loop.h>
#include <diesel/core/wait.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace diesel::detail {

namespace {
std::atomic<ConnectionId> g_next_connection_id{1};

// send() suspends once this much is queued, until it drained to kLowWater.
constexpr std::size_t kHighWater = 1024 * 1024;
constexpr std::size_t kLowWater = 256 * 1024;
// How long a closed connection may take to flush what was queued.
constexpr auto kLingerTime = std::chrono::seconds(30);

Address local_address(int fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
        return {};
    return Address(reinterpret_cast<sockaddr *>(&ss), len);
}

bool would_block(int error) noexcept
{
    return error == EAGAIN || error == EWOULDBLOCK;
}
} // namespace

ConnectionCore::ConnectionCore(HubPrivate &hub, int fd_, Transport transport, Mode mode,
                               const Address &peer, std::string owner)
    : Watcher(fd_)
    , max_line(hub.default_max_line)
    , m_hub(&hub)
    , m_mode(mode)
{
    info.owner = std::move(owner);
    info.id = g_next_connection_id.fetch_add(1, std::memory_order_relaxed);
    info.transport = transport;
    info.peer = peer;
    info.local = local_address(fd);
    try {
        hub.backend->add(*this);
    } catch (...) {
        ::close(fd);
        fd = -1;
        throw;
    }
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
        wake_readers();
    }
    if (now_writable) {
        writable = true;
        if (m_out_offset < m_out.size())
            write_pending();
        wake_writers();
    }
    if (m_lingering && (m_out_offset == m_out.size() || m_failed))
        finish_close();
}

void ConnectionCore::detach_from_hub() noexcept
{
    wake_readers();
    wake_writers();
    if (fd >= 0) {
        m_hub->backend->remove(*this);
        ::close(fd);
        fd = -1;
    }
    --m_hub->connections;
    m_hub = nullptr;
    m_closed = true;
    m_lingering = false;
    m_why = "the Hub was destroyed";
    m_buffer.reset();
}

void ConnectionCore::account_in(const char *data, std::size_t n) noexcept
{
    m_hub->bytes_in += n;
    Loop *loop = t_current_loop;
    if (loop)
        loop->m_bytes_in += n;
    if (m_hub->observing(Observer::Data)) {
        const std::string_view bytes(data, n);
        const LoopId id = loop ? loop->id() : 0;
        m_hub->notify(Observer::Data, [&](Observer &o) { o.data(info, Direction::In, bytes, id); });
    }
}

void ConnectionCore::account_out(std::string_view data) noexcept
{
    m_hub->bytes_out += data.size();
    Loop *loop = t_current_loop;
    if (loop)
        loop->m_bytes_out += data.size();
    if (m_hub->observing(Observer::Data)) {
        const LoopId id = loop ? loop->id() : 0;
        m_hub->notify(Observer::Data, [&](Observer &o) { o.data(info, Direction::Out, data, id); });
    }
}

void ConnectionCore::fail(const std::string &why) noexcept
{
    if (m_failed)
        return;
    m_failed = true;
    m_why = why;
    wake_readers();
    wake_writers();
}

void ConnectionCore::throw_closed()
{
    std::string why = m_why;
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

void ConnectionCore::release_buffer_if_empty() noexcept
{
    if (!m_buffer || m_begin != m_end)
        return;
    if (m_pooled && m_hub)
        m_hub->blocks.give(std::move(m_buffer));
    m_buffer.reset();
    m_capacity = m_begin = m_end = 0;
    m_pooled = false;
}

ConnectionCore::Io ConnectionCore::read_some()
{
    if (m_failed || m_closed || !m_hub)
        return Io::Failed;
    if (m_eof)
        return Io::Eof;
    if (!m_buffer) {
        m_buffer = m_hub->blocks.take();
        m_capacity = BlockPool::kBlockSize;
        m_pooled = true;
        m_begin = m_end = 0;
    } else if (m_end == m_capacity) {
        const std::size_t used = m_end - m_begin;
        if (m_begin > 0 && used <= m_capacity / 2) {
            std::memmove(m_buffer.get(), m_buffer.get() + m_begin, used);
        } else {
            auto bigger = std::make_unique_for_overwrite<char[]>(m_capacity * 2);
            std::memcpy(bigger.get(), m_buffer.get() + m_begin, used);
            if (m_pooled)
                m_hub->blocks.give(std::move(m_buffer));
            m_buffer = std::move(bigger);
            m_capacity *= 2;
            m_pooled = false;
        }
        m_begin = 0;
        m_end = used;
    }
    char *dest = m_buffer.get() + m_end;
    const std::size_t space = m_capacity - m_end;

    if (m_tls) {
        TlsSession::Status status;
        const std::size_t n = m_tls->read(dest, space, status);
        switch (status) {
        case TlsSession::Status::Done:
            m_end += n;
            account_in(dest, n);
            return Io::Data;
        case TlsSession::Status::WantRead:
            readable = false;
            update_interest();
            return Io::WouldBlock;
        case TlsSession::Status::WantWrite:
            writable = false;
            update_interest();
            return Io::WouldBlock;
        case TlsSession::Status::Closed:
            m_eof = true;
            m_why = "closed by the peer";
            return Io::Eof;
        case TlsSession::Status::Failed:
            fail("TLS error: " + m_tls->error());
            return Io::Failed;
        }
    }
    for (;;) {
        const ssize_t n = ::recv(fd, dest, space, 0);
        if (n > 0) {
            m_end += static_cast<std::size_t>(n);
            account_in(dest, static_cast<std::size_t>(n));
            // A short read drained the socket: the next arrival is a new edge. (Not so after a
            // hang-up: the end of stream is still there to read, and no new edge will come.)
            if (static_cast<std::size_t>(n) < space && !hangup) {
                readable = false;
                update_interest();
            }
            return Io::Data;
        }
        if (n == 0) {
            m_eof = true;
            m_why = "closed by the peer";
            return Io::Eof;
        }
        if (errno == EINTR)
            continue;
        if (would_block(errno)) {
            readable = false;
            update_interest();
            return Io::WouldBlock;
        }
        fail(std::string("connection reset: ") + std::strerror(errno));
        return Io::Failed;
    }
}

bool ConnectionCore::read_more()
{
    if (nothing_to_read())
        return false;
    switch (read_some()) {
    case Io::Data:
        return true;
    case Io::WouldBlock:
        return false;
    case Io::Eof:
    case Io::Failed:
        break;
    }
    throw_closed();
}

std::optional<std::string> ConnectionCore::try_until(std::string_view sentinel)
{
    if (sentinel.empty())
        throw Error("until() needs a non-empty sentinel");
    if (m_mode == Mode::Datagram)
        throw Error("until() needs a TCP connection; use receive(datagram) on UDP");
    if (m_scan_sentinel != sentinel) {
        m_scan_sentinel.assign(sentinel);
        m_scanned = 0;
    }
    for (;;) {
        const char *base = m_buffer.get() + m_begin;
        const std::size_t avail = m_end - m_begin;
        if (avail >= sentinel.size()) {
            const std::size_t from = m_scanned;
            const void *hit =
                sentinel.size() == 1
                    ? std::memchr(base + from, sentinel[0], avail - from)
                    : ::memmem(base + from, avail - from, sentinel.data(), sentinel.size());
            if (hit) {
                const std::size_t len =
                    static_cast<std::size_t>(static_cast<const char *>(hit) - base) +
                    sentinel.size();
                std::string result(base, len);
                consume(len);
                return result;
            }
            m_scanned = avail - (sentinel.size() - 1);
        }
        if (avail > max_line)
            throw LineTooLong("no '" + std::string(sentinel == "\n" ? "\\n" : sentinel) +
                              "' within " + std::to_string(max_line) +
                              " bytes (the connection's maximum line length)");
        if (!read_more())
            return std::nullopt;
    }
}

std::optional<std::string> ConnectionCore::try_receive(std::size_t n)
{
    if (m_mode == Mode::Datagram)
        throw Error("receive(n) needs a TCP connection; use receive(datagram) on UDP");
    for (;;) {
        if (m_end - m_begin >= n) {
            std::string result(m_buffer.get() + m_begin, n);
            consume(n);
            return result;
        }
        if (!read_more())
            return std::nullopt;
    }
}

std::optional<std::string> ConnectionCore::try_receive_any()
{
    if (m_mode == Mode::Datagram)
        return try_datagram();
    if (m_end == m_begin) {
        if (!read_more())
            return std::nullopt;
    }
    std::string result(m_buffer.get() + m_begin, m_end - m_begin);
    consume(m_end - m_begin);
    return result;
}

std::optional<std::string> ConnectionCore::try_datagram()
{
    if (m_mode != Mode::Datagram)
        throw Error("receive(datagram) needs a UDP socket");
    if (m_closed || m_failed || !m_hub)
        throw_closed();
    while (readable) {
        sockaddr_storage from{};
        socklen_t from_len = sizeof from;
        char *buffer = m_hub->datagram_buffer();
        const ssize_t n =
            ::recvfrom(fd, buffer, kMaxDatagram, 0, reinterpret_cast<sockaddr *>(&from), &from_len);
        if (n >= 0) {
            const Address sender(reinterpret_cast<sockaddr *>(&from), from_len);
            if (sender.valid())
                info.peer = sender;
            account_in(buffer, static_cast<std::size_t>(n));
            return std::string(buffer, static_cast<std::size_t>(n));
        }
        if (errno == EINTR || errno == ECONNREFUSED)
            continue; // ECONNREFUSED: an ICMP answer to an earlier datagram, not this socket's end
        if (would_block(errno)) {
            readable = false;
            update_interest();
            break;
        }
        fail(std::string("receive(datagram): ") + std::strerror(errno));
        throw_closed();
    }
    return std::nullopt;
}

bool ConnectionCore::wait_ready(bool write, const char *primitive,
                                std::optional<Clock::time_point> deadline)
{
    if (!m_hub)
        throw_closed();
    Wait wait(primitive);
    WaitNode node;
    wait.add(node, 0, write ? WaitKind::Write : WaitKind::Read);
    if (write) {
        writers.push_back(node);
        if (!want_write) {
            want_write = true;
            update_interest();
        }
    } else {
        readers.push_back(node);
        release_buffer_if_empty();
    }
    if (deadline)
        wait.set_deadline(*deadline);
    WaitInfo wait_info;
    wait_info.kind = write ? WaitKind::Write : WaitKind::Read;
    wait_info.fd = fd;
    return wait.suspend(wait_info) != Wait::timed_out;
}

void ConnectionCore::wait_readable(const char *primitive)
{
    wait_ready(false, primitive);
}

void ConnectionCore::watch_readable(Wait &wait, WaitNode &node, int branch)
{
    if (!m_hub)
        throw_closed();
    wait.add(node, branch, WaitKind::Read);
    readers.push_back(node);
    release_buffer_if_empty();
}

std::size_t ConnectionCore::write_some(const char *data, std::size_t size) noexcept
{
    std::size_t done = 0;
    while (done < size && !m_failed && fd >= 0) {
        if (m_tls) {
            TlsSession::Status status;
            const std::size_t n = m_tls->write(data + done, size - done, status);
            if (status == TlsSession::Status::Done) {
                done += n;
                continue;
            }
            if (status == TlsSession::Status::WantWrite || status == TlsSession::Status::WantRead) {
                writable = false;
                update_interest();
                break;
            }
            fail(status == TlsSession::Status::Closed ? std::string("closed by the peer")
                                                      : "TLS error: " + m_tls->error());
            break;
        }
        const ssize_t n = ::send(fd, data + done, size - done, MSG_NOSIGNAL);
        if (n >= 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (errno == EINTR)
            continue;
        if (would_block(errno)) {
            writable = false;
            update_interest();
            break;
        }
        fail(std::string("connection reset: ") + std::strerror(errno));
    }
    return done;
}

bool ConnectionCore::write_pending() noexcept
{
    m_out_offset += write_some(m_out.data() + m_out_offset, m_out.size() - m_out_offset);
    if (m_failed || m_out_offset < m_out.size())
        return false;
    m_out.clear();
    m_out_offset = 0;
    if (want_write) {
        want_write = false;
        update_interest();
    }
    return true;
}

void ConnectionCore::send(std::string_view data)
{
    if (m_closed || m_failed || !m_hub)
        throw_closed();
    if (m_mode == Mode::Datagram) {
        const bool reply = info.peer.valid() && !m_connected_datagram;
        for (;;) {
            const ssize_t n = reply ? ::sendto(fd, data.data(), data.size(), MSG_NOSIGNAL,
                                               info.peer.data(), info.peer.size())
                                    : ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (n >= 0) {
                account_out(data);
                return;
            }
            if (errno == EINTR || errno == ECONNREFUSED)
                continue;
            if (would_block(errno)) {
                writable = false;
                wait_ready(true, "send");
                continue;
            }
            throw Error(std::string("send(datagram): ") + std::strerror(errno));
        }
    }
    account_out(data);
    if (m_out_offset == m_out.size()) {
        // Nothing queued: write straight from the caller's bytes, queue only what is left.
        const std::size_t written = write_some(data.data(), data.size());
        if (written < data.size() && !m_failed) {
            m_out.assign(data.substr(written));
            m_out_offset = 0;
            if (!want_write) {
                want_write = true;
                update_interest();
            }
        }
    } else {
        if (m_out_offset > kLowWater) {
            m_out.erase(0, m_out_offset);
            m_out_offset = 0;
        }
        m_out.append(data);
    }
    if (m_failed)
        throw_closed();
    if (m_out.size() - m_out_offset > kHighWater) {
        while (m_out.size() - m_out_offset > kLowWater) {
            wait_ready(true, "send");
            if (m_failed || m_closed)
                throw_closed();
            write_pending();
        }
    }
}

int ConnectionCore::wait_connected(std::optional<Clock::time_point> deadline)
{
    for (;;) {
        if (writable) {
            int error = 0;
            socklen_t len = sizeof error;
            if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0)
                error = errno;
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
    m_tls = std::make_unique<TlsSession>(context, fd, server_name);
    info.transport = Transport::Tls;
    for (;;) {
        bool in_time = true;
        switch (m_tls->handshake()) {
        case TlsSession::Status::Done:
            return;
        case TlsSession::Status::WantRead:
            readable = false;
            update_interest();
            in_time = wait_ready(false, "tls handshake", deadline);
            break;
        case TlsSession::Status::WantWrite:
            writable = false;
            update_interest();
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
    if (m_why.empty())
        m_why = "the connection was closed";
    if (m_hub && !m_failed && m_out_offset < m_out.size() && write_pending() == false &&
        !m_failed) {
        // Output is still queued: it is flushed by on_ready(), then the socket closes.
        m_lingering = true;
        m_linger_timer.core = this;
        m_linger_timer.deadline = Clock::now() + kLingerTime;
        m_linger_timer.fire = &ConnectionCore::on_linger_timeout;
        try {
            m_hub->arm(m_linger_timer);
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
    if (fd < 0)
        return;
    wake_readers();
    wake_writers();
    if (m_hub) {
        m_hub->disarm(m_linger_timer);
        if (m_tls && !m_failed)
            m_tls->shutdown();
        m_hub->backend->remove(*this);
        --m_hub->connections;
        if (m_hub->observing(Observer::Connections)) {
            const std::string reason = m_why;
            m_hub->notify(Observer::Connections,
                          [&](Observer &o) { o.connection_closed(info, reason); });
        }
        static_cast<ListHook<ResourceTag> &>(*this).unlink();
    }
    ::close(fd);
    fd = -1;
    release_buffer_if_empty();
    if (m_lingering) {
        m_lingering = false;
        if (m_hub)
            m_hub->lingering_done();
    }
}

} // namespace diesel::detail

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
