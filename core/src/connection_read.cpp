// SPDX-License-Identifier: MIT
// ConnectionCore's read side: the buffer filled from the stream, the views and copies taken
// from it (until/receive are layers over try_fill/view/consume), datagrams, waiting to read.
#include "connection_p.h"
#include "loop_wake.h"

#include <diesel/core/error.h>
#include <diesel/core/loop.h>
#include <diesel/core/wait.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace diesel::detail {

void ConnectionCore::make_room_in_buffer()
{
    const std::size_t used = m_end - m_begin;
    // Little room left behind a small rest (a parser's partial frame): move the rest to the front
    // rather than read a few bytes at a time.
    const bool cramped =
        m_capacity - m_end < m_capacity / 4 && m_begin > 0 && used <= m_capacity / 4;
    if (m_end < m_capacity && !cramped)
        return;
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

ConnectionCore::Io ConnectionCore::read_stream(char *dest, std::size_t space, std::size_t &n)
{
    const Io io = m_tls ? tls_read(dest, space, n) : socket_read(dest, space, n);
    if (io == Io::Data)
        account_in(dest, n);
    return io;
}

ConnectionCore::Io ConnectionCore::socket_read_now(char *dest, std::size_t space, std::size_t &n)
{
    const IoResult got = receive_some(fd, dest, space);
    if (got.n > 0) {
        n = got.n;
        // A short read drained the socket: the next arrival is a new edge. (Not so after a
        // hang-up: the end of stream is still there to read, and no new edge will come.)
        if (n < space && !hangup)
            read_drained();
        return Io::Data;
    }
    if (got.error == 0)
        return peer_closed();
    if (would_block(got.error)) {
        read_drained();
        return Io::WouldBlock;
    }
    fail_reset(got.error);
    return Io::Failed;
}

ConnectionCore::Io ConnectionCore::peer_closed()
{
    m_eof = true;
    set_why("closed by the peer");
    return Io::Eof;
}

ConnectionCore::Io ConnectionCore::tls_input()
{
    const std::span<char> space = m_tls->input_space();
    if (space.empty()) { // a record never fills the pair's buffer: OpenSSL is stuck
        fail("TLS error: input not taken");
        return Io::Failed;
    }
    std::size_t n = 0;
    const Io io = socket_read(space.data(), space.size(), n);
    if (io == Io::Data)
        m_tls->received(n);
    return io;
}

ConnectionCore::Io ConnectionCore::tls_read(char *dest, std::size_t space, std::size_t &n)
{
    for (;;) {
        TlsSession::Status status;
        n = m_tls->read(dest, space, status);
        tls_flush(); // what reading produced: handshake messages of a renegotiation, alerts
        switch (status) {
        case TlsSession::Status::Done:
            return Io::Data;
        case TlsSession::Status::WantRead:
            if (const Io io = tls_input(); io != Io::Data)
                return io;
            break;
        case TlsSession::Status::WantWrite:
            // TLS has to send before it reads on and the socket takes no more: the reader
            // waits for writability, which on_ready() turns into a wake-up of the readers.
            m_read_needs_write = true;
            watch_writable();
            return Io::WouldBlock;
        case TlsSession::Status::Closed:
            return peer_closed();
        case TlsSession::Status::Failed:
            fail("TLS error: " + m_tls->error());
            return Io::Failed;
        }
    }
}

bool ConnectionCore::settle(Io io)
{
    switch (io) {
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

bool ConnectionCore::try_fill(std::size_t at_least)
{
    if (m_mode == Mode::Datagram)
        throw Error("reading a byte stream needs a TCP connection; use receive(datagram) on UDP");
    while (m_end - m_begin < at_least) {
        if (nothing_to_read())
            return false;
        if (m_failed || m_closed || !m_hub || m_eof)
            throw_closed();
        make_room();
        std::size_t n = 0;
        if (!settle(read_stream(m_buffer.get() + m_end, m_capacity - m_end, n)))
            return false;
        m_end += n;
    }
    return true;
}

bool ConnectionCore::try_readable()
{
    if (m_end > m_begin || m_eof || m_failed || m_closed || !m_hub)
        return true;
    if (nothing_to_read() || m_mode == Mode::Datagram)
        return !nothing_to_read();
    // The socket being readable is not enough: a TLS record may carry no application bytes.
    make_room();
    std::size_t n = 0;
    const Io io = read_stream(m_buffer.get() + m_end, m_capacity - m_end, n);
    m_end += io == Io::Data ? n : 0;
    return io != Io::WouldBlock;
}

std::optional<std::size_t> ConnectionCore::try_read_into(std::span<std::byte> out)
{
    if (out.empty())
        return 0;
    // A small span is filled from the buffer (one large read serves many small calls); a large
    // one is read into directly when nothing is buffered, saving the copy.
    if (m_end == m_begin && out.size() >= BlockPool::kBlockSize) {
        if (m_mode == Mode::Datagram)
            throw Error("read_into() needs a TCP connection; use receive(datagram) on UDP");
        if (nothing_to_read())
            return std::nullopt;
        if (m_failed || m_closed || !m_hub || m_eof)
            throw_closed();
        std::size_t n = 0;
        if (!settle(read_stream(reinterpret_cast<char *>(out.data()), out.size(), n)))
            return std::nullopt;
        return n;
    }
    if (!try_fill(1))
        return std::nullopt;
    const std::size_t n = std::min(out.size(), m_end - m_begin);
    std::memcpy(out.data(), m_buffer.get() + m_begin, n);
    consume(n);
    return n;
}

namespace {
// Failures are built out of line: their temporaries would otherwise widen the frames of the
// read path, and every line of a Loop's stack a request touches is a cache miss once thousands
// of connections take turns.
[[noreturn, gnu::cold, gnu::noinline]] void throw_line_too_long(std::string_view sentinel,
                                                                std::size_t max_line)
{
    throw LineTooLong("no '" + std::string(sentinel == "\n" ? "\\n" : sentinel) + "' within " +
                      std::to_string(max_line) + " bytes (the connection's maximum line length)");
}
} // namespace

std::optional<std::size_t> ConnectionCore::try_find(std::string_view sentinel)
{
    if (sentinel.empty())
        throw Error("until() needs a non-empty sentinel");
    // Nothing buffered and the socket known drained: the wait between two requests, found
    // without the scan's bookkeeping (an empty buffer has nothing scanned to forget).
    if (m_end == m_begin && m_mode == Mode::Stream && nothing_to_read())
        return std::nullopt;
    // What an earlier call scanned counts for its sentinel only. Most calls find nothing scanned
    // (a line arrives whole) and so never touch the remembered sentinel.
    if (m_scanned != 0 && m_scan_sentinel != sentinel)
        m_scanned = 0;
    for (;;) {
        const std::string_view bytes = view();
        if (bytes.size() >= sentinel.size()) {
            const std::size_t from = m_scanned;
            const void *hit =
                sentinel.size() == 1
                    ? std::memchr(bytes.data() + from, sentinel[0], bytes.size() - from)
                    : ::memmem(bytes.data() + from, bytes.size() - from, sentinel.data(),
                               sentinel.size());
            if (hit)
                return static_cast<std::size_t>(static_cast<const char *>(hit) - bytes.data()) +
                       sentinel.size();
            m_scanned = bytes.size() - (sentinel.size() - 1);
            if (m_scan_sentinel != sentinel)
                m_scan_sentinel.assign(sentinel);
        }
        if (bytes.size() > max_line)
            throw_line_too_long(sentinel, max_line);
        if (!try_fill(bytes.size() + 1))
            return std::nullopt;
    }
}

std::optional<std::string> ConnectionCore::try_until(std::string_view sentinel)
{
    const std::optional<std::size_t> len = try_find(sentinel);
    if (!len)
        return std::nullopt;
    std::string result(view().substr(0, *len));
    consume(*len);
    return result;
}

std::optional<std::string> ConnectionCore::try_receive(std::size_t n)
{
    if (!try_fill(n))
        return std::nullopt;
    std::string result(view().substr(0, n));
    consume(n);
    return result;
}

std::optional<std::string> ConnectionCore::try_receive_any()
{
    if (m_mode == Mode::Datagram)
        return try_datagram();
    if (!try_fill(1))
        return std::nullopt;
    std::string result(view());
    consume(result.size());
    return result;
}

std::optional<std::string> ConnectionCore::try_datagram()
{
    if (m_mode != Mode::Datagram)
        throw Error("receive(datagram) needs a UDP socket");
    if (m_closed || m_failed || !m_hub)
        throw_closed();
    while (readable) {
        char *buffer = m_hub->datagram_buffer();
        Address sender;
        const IoResult got = receive_datagram(fd, buffer, kMaxDatagram, sender);
        if (got.error == 0) {
            if (sender.valid())
                info.peer = sender;
            account_in(buffer, got.n);
            return std::string(buffer, got.n);
        }
        if (got.error == ECONNREFUSED)
            continue; // an ICMP answer to an earlier datagram, not this socket's end
        if (would_block(got.error)) {
            read_drained();
            break;
        }
        fail(std::string("receive(datagram): ") + std::strerror(got.error));
        throw_closed();
    }
    return std::nullopt;
}

void ConnectionCore::fail_limit(ConnectionLimits::Reason reason)
{
    const std::string why = limits->why(reason);
    fail(why);
    throw ConnectionTimeout(why, std::string(m_buffer.get() + m_begin, buffered()));
}

// Inline (its callers are all here): the common wait calls nothing but suspend().
inline void ConnectionCore::enlist(Wait &wait, WaitNode &node, bool write, int branch)
{
    wait.add(node, branch, write ? WaitKind::Write : WaitKind::Read);
    if (write) {
        writers.push_back(node);
        watch_writable();
    } else {
        readers.push_back(node);
        release_buffer_if_empty();
    }
}

bool ConnectionCore::wait_ready(bool write, const char *primitive,
                                std::optional<Clock::time_point> deadline)
{
    if (!m_hub)
        throw_closed();
    if (limits && limits->active()) [[unlikely]]
        return wait_limited(write, primitive, deadline);
    // The common wait (a keep-alive connection between requests): no limits to check or arm.
    Wait wait(primitive);
    WaitNode node;
    enlist(wait, node, write, 0);
    if (deadline)
        wait.set_deadline(*deadline);
    WaitInfo wait_info;
    wait_info.kind = write ? WaitKind::Write : WaitKind::Read;
    wait_info.fd = fd;
    return wait.suspend(wait_info) != Wait::timed_out;
}

bool ConnectionCore::wait_limited(bool write, const char *primitive,
                                  std::optional<Clock::time_point> deadline)
{
    Wait wait(primitive);
    WaitNode node;
    enlist(wait, node, write, 0);
    const std::optional<ConnectionLimits::Due> limit = limits->due(write, buffered());
    const bool limited = limit && (!deadline || limit->when < *deadline);
    const bool lazy = limited && watch_limit(limit->when);
    if (limited && !lazy)
        wait.set_deadline(limit->when);
    else if (!limited && deadline)
        wait.set_deadline(*deadline);
    WaitInfo wait_info;
    wait_info.kind = write ? WaitKind::Write : WaitKind::Read;
    wait_info.fd = fd;
    if (lazy)
        wait_info.deadline = limit->when;
    // The limit timer stays armed after the wait (lazily); only the waiter is forgotten.
    struct Unwatch
    {
        LimitTimer *timer;
        ~Unwatch()
        {
            if (timer)
                timer->loop = nullptr;
        }
    } unwatch{lazy ? m_limit_timer.get() : nullptr};
    const bool in_time = wait.suspend(wait_info) != Wait::timed_out;
    if (!in_time && limited)
        fail_limit(limit->reason);
    return in_time;
}

bool ConnectionCore::wait_readable(const char *primitive, std::optional<Clock::time_point> deadline)
{
    // A TLS read that waits for writability has to wait although the socket reads.
    if (!nothing_to_read() && !m_read_needs_write)
        return true;
    return wait_ready(false, primitive, deadline);
}

bool ConnectionCore::watch_limit(Clock::time_point due)
{
    if (!m_limit_timer) {
        m_limit_timer = std::make_unique<LimitTimer>();
        m_limit_timer->core = this;
        m_limit_timer->fire = &ConnectionCore::on_limit_timer;
    }
    LimitTimer &timer = *m_limit_timer;
    if (timer.loop)
        return false;
    if (!timer.armed() || timer.deadline > due) {
        timer.deadline = due;
        m_hub->arm(timer);
    }
    Loop *loop = t_current_loop; // wait_ready()'s Wait has made sure there is one
    timer.loop = loop;
    timer.epoch = loop->m_epoch;
    timer.due = due;
    return true;
}

void ConnectionCore::on_limit_timer(TimerEntry &entry) noexcept
{
    auto &timer = static_cast<LimitTimer &>(entry);
    if (!timer.loop)
        return; // nobody waits under a limit: the next such wait arms the timer again
    if (timer.core->m_hub->now() < timer.due) {
        timer.deadline = timer.due;
        timer.core->m_hub->arm(timer);
        return;
    }
    timer.loop->wake(timer.epoch, Wait::timed_out, WaitKind::Timer);
}

void ConnectionCore::disarm_limit_timer() noexcept
{
    if (m_hub && m_limit_timer && m_limit_timer->armed())
        m_hub->disarm(*m_limit_timer);
}

void ConnectionCore::watch_readable(Wait &wait, WaitNode &node, int branch)
{
    if (!m_hub)
        throw_closed();
    enlist(wait, node, false, branch);
}

} // namespace diesel::detail
