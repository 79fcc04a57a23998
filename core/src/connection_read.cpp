// SPDX-License-Identifier: MIT
// ConnectionCore's read side: the buffer, until/receive, datagrams, waiting to read.
#include "connection_p.h"

#include <diesel/core/error.h>
#include <diesel/core/loop.h>
#include <diesel/core/wait.h>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace diesel::detail {

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
            // TLS needs to send before it can read on (a renegotiation): the reader waits for
            // writability, which on_ready() turns into a wake-up of the readers.
            writable = false;
            m_read_needs_write = true;
            want_write = true;
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
    std::optional<ConnectionLimits::Due> limit;
    if (limits.active())
        limit = limits.due(write, buffered());
    const bool limited = limit && (!deadline || limit->when < *deadline);
    if (limited)
        wait.set_deadline(limit->when);
    else if (deadline)
        wait.set_deadline(*deadline);
    WaitInfo wait_info;
    wait_info.kind = write ? WaitKind::Write : WaitKind::Read;
    wait_info.fd = fd;
    const bool in_time = wait.suspend(wait_info) != Wait::timed_out;
    if (!in_time && limited) {
        fail(limit->why);
        throw ConnectionTimeout(limit->why, std::string(m_buffer.get() + m_begin, buffered()));
    }
    return in_time;
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

} // namespace diesel::detail
