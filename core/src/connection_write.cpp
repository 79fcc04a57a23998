// SPDX-License-Identifier: MIT
// ConnectionCore's write side: writing what the socket takes (several buffers in one sendmsg),
// queueing the rest, back-pressure, and reporting bytes to observers as they are written.
#include "connection_p.h"

#include <diesel/core/error.h>
#include <diesel/core/loop.h>

#include <cerrno>
#include <cstring>

namespace diesel::detail {

namespace {
// send() suspends once this much is queued, until it drained to kLowWater.
constexpr std::size_t kHighWater = 1024 * 1024;
constexpr std::size_t kLowWater = 256 * 1024;
} // namespace

void ConnectionCore::show_written(std::span<const std::string_view> parts, std::size_t first,
                                  std::size_t offset, std::size_t n) noexcept
{
    for (std::size_t i = first; n > 0 && i < parts.size(); ++i, offset = 0) {
        const std::size_t take = std::min(n, parts[i].size() - offset);
        if (take > 0)
            account_out(parts[i].substr(offset, take));
        n -= take;
    }
}

std::size_t ConnectionCore::socket_write_now(std::span<const std::string_view> parts,
                                             bool report) noexcept
{
    std::size_t done = 0;
    std::size_t first = 0;  // the part being written
    std::size_t offset = 0; // how much of it is written
    while (first < parts.size() && !m_failed && fd != kNoSocket) {
        const IoResult sent = send_parts(fd, parts, first, offset);
        if (sent.error == 0) {
            std::size_t n = sent.n;
            if (n == 0)
                break; // only empty parts were left
            if (report)
                report_written(parts, first, offset, n);
            done += n;
            if (first + 1 == parts.size() && n == parts[first].size() - offset)
                break; // the last part went whole (most often the only one)
            while (first < parts.size() && n >= parts[first].size() - offset) {
                n -= parts[first].size() - offset;
                offset = 0;
                ++first;
            }
            offset += n;
            continue;
        }
        if (would_block(sent.error)) {
            write_drained();
            break;
        }
        fail_reset(sent.error);
    }
    return done;
}

bool ConnectionCore::tls_flush() noexcept
{
    for (;;) {
        const std::string_view out = m_tls->output();
        if (out.empty())
            return true;
        const std::size_t n = socket_write({&out, 1}, false);
        m_tls->sent(n);
        if (n < out.size()) {
            watch_writable(); // on_ready() sends the rest
            return false;
        }
    }
}

std::size_t ConnectionCore::tls_write(std::span<const std::string_view> parts) noexcept
{
    std::size_t done = 0;
    for (std::string_view part : parts) {
        while (!part.empty() && !m_failed && fd != kNoSocket) {
            TlsSession::Status status;
            const std::size_t n = m_tls->write(part.data(), part.size(), status);
            switch (status) {
            case TlsSession::Status::Done:
                account_out(part.substr(0, n));
                done += n;
                part.remove_prefix(n);
                tls_flush();
                continue;
            case TlsSession::Status::WantWrite:
                if (tls_flush())
                    continue;
                return done; // the socket is full; on_ready() goes on
            case TlsSession::Status::WantRead:
                // A renegotiation: the peer's handshake messages come first.
                if (const Io io = tls_input(); io == Io::Data)
                    continue;
                m_write_needs_read = true;
                return done;
            case TlsSession::Status::Closed:
                fail("closed by the peer");
                return done;
            case TlsSession::Status::Failed:
                fail("TLS error: " + m_tls->error());
                return done;
            }
        }
    }
    return done;
}

std::size_t ConnectionCore::write_some(std::span<const std::string_view> parts) noexcept
{
    return m_tls ? tls_write(parts) : socket_write(parts, true);
}

bool ConnectionCore::write_pending() noexcept
{
    if (m_out_offset < m_out.size()) {
        const std::string_view pending = std::string_view(m_out).substr(m_out_offset);
        m_out_offset += write_some({&pending, 1});
    } else if (m_tls) {
        tls_flush();
    }
    if (m_failed || output_pending())
        return false;
    m_out.clear();
    m_out_offset = 0;
    if (want_write) {
        want_write = false;
        update_interest();
    }
    return true;
}

void ConnectionCore::send_datagram(std::span<const std::string_view> parts, std::size_t total)
{
    if (parts.size() > kMaxSendParts)
        throw Error("send(datagram): more than " + std::to_string(kMaxSendParts) + " buffers");
    // A UDPService replies to the last sender; a UDPClient's socket is connected.
    const Address *to = info.peer.valid() && !m_connected_datagram ? &info.peer : nullptr;
    for (;;) {
        const IoResult sent = send_parts(fd, parts, 0, 0, to);
        if (sent.error == 0) {
            report_written(parts, 0, 0, total);
            return;
        }
        if (sent.error == ECONNREFUSED)
            continue;
        if (would_block(sent.error)) {
            writable = false;
            wait_ready(true, "send");
            continue;
        }
        throw Error(std::string("send(datagram): ") + std::strerror(sent.error),
                    std::error_code(sent.error, std::generic_category()));
    }
}

void ConnectionCore::send(std::span<const std::string_view> parts)
{
    if (m_closed || m_failed || !m_hub)
        throw_closed();
    std::size_t total = 0;
    for (const std::string_view part : parts)
        total += part.size();
    if (Loop *loop = t_current_loop) {
        loop->m_bytes_out += total;
        m_writer = loop->id();
    }
    if (m_mode == Mode::Datagram) {
        send_datagram(parts, total);
        return;
    }
    std::size_t written = 0;
    if (m_out_offset == m_out.size()) {
        // Nothing queued: write straight from the caller's bytes.
        written = write_some(parts);
        if (written == total && !m_failed && !m_tls) [[likely]]
            return; // all of it went (TLS may still hold ciphertext to flush)
    }
    queue_unsent(parts, written, total);
}

void ConnectionCore::queue_unsent(std::span<const std::string_view> parts, std::size_t written,
                                  std::size_t total)
{
    if (m_out_offset == m_out.size()) {
        // Nothing was queued before: send() wrote what it could, only the rest is queued.
        if (written < total && !m_failed) {
            m_out.clear();
            m_out_offset = 0;
            for (const std::string_view part : parts) {
                const std::size_t skip = std::min(written, part.size());
                m_out.append(part.substr(skip));
                written -= skip;
            }
        }
    } else {
        if (m_out_offset > kLowWater) {
            m_out.erase(0, m_out_offset);
            m_out_offset = 0;
        }
        for (const std::string_view part : parts)
            m_out.append(part);
    }
    if (m_failed)
        throw_closed();
    if (output_pending()) // flushed by on_ready()
        watch_writable();
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
