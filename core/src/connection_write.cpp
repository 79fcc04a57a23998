// SPDX-License-Identifier: MIT
// ConnectionCore's write side: writing what the socket takes, queueing the rest, back-pressure.
#include "connection_p.h"

#include <diesel/core/error.h>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace diesel::detail {

namespace {
// send() suspends once this much is queued, until it drained to kLowWater.
constexpr std::size_t kHighWater = 1024 * 1024;
constexpr std::size_t kLowWater = 256 * 1024;
} // namespace

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

} // namespace diesel::detail
