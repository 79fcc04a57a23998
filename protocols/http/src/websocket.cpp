// SPDX-License-Identifier: MIT
// The WebSocket object: frames read in place over the connection's peek()/consume(), messages
// reassembled under the size limit, control frames answered, the closing handshake.
#include "server_shared.h"
#include "websocket_frame.h"
#include "websocket_state.h"

#include <diesel/core/error.h>

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

namespace diesel::http {

WebSocketClosed::WebSocketClosed(std::uint16_t code, std::string reason, bool by_peer)
    : ConnectionClosed("websocket closed (" + std::to_string(code) +
                       (reason.empty() ? std::string() : ": " + reason) + ")")
    , m_code(code)
    , m_reason(std::move(reason))
    , m_by_peer(by_peer)
{}

namespace {

using detail::Opcode;
using detail::WebSocketState;

// The allowance a frame's payload gets before the minimum rate applies, as core gives a head.
Clock::duration rate_grace(const WebSocketOptions &options)
{
    const Clock::duration grace = std::chrono::seconds(10);
    const auto idle = std::chrono::duration_cast<Clock::duration>(options.idle_timeout);
    return idle.count() > 0 ? std::min(grace, idle) : grace;
}

void send_frame(WebSocketState &s, Opcode opcode, std::string_view payload)
{
    std::array<std::uint8_t, 14> head{};
    if (s.role == WebSocket::Role::Server) {
        const std::size_t n =
            detail::write_frame_header(head.data(), opcode, true, payload.size(), nullptr);
        const std::string_view parts[] = {{reinterpret_cast<const char *>(head.data()), n},
                                          payload};
        s.conn->send(parts);
        return;
    }
    // RFC 6455 §5.3: a fresh unpredictable key per frame, from OpenSSL's CSPRNG.
    std::array<std::uint8_t, 4> mask{};
    if (RAND_bytes(mask.data(), static_cast<int>(mask.size())) != 1)
        throw Error("websocket: OpenSSL could not make a masking key");
    const std::size_t n =
        detail::write_frame_header(head.data(), opcode, true, payload.size(), &mask);
    s.scratch.assign(reinterpret_cast<const char *>(head.data()), n);
    s.scratch.append(payload);
    detail::apply_mask(s.scratch.data() + n, payload.size(), mask, 0);
    s.conn->send(s.scratch);
}

// Sends a close frame once; a connection already gone is no reason to fail.
void send_close(WebSocketState &s, std::uint16_t code, std::string_view reason)
{
    if (s.close_sent)
        return;
    s.close_sent = true;
    std::string payload;
    if (code != close_code::no_status) {
        payload += static_cast<char>(code >> 8);
        payload += static_cast<char>(code & 0xFF);
        payload.append(reason.substr(0, 123));
    }
    try {
        send_frame(s, Opcode::Close, payload);
    } catch (const ConnectionClosed &) {
        // The peer is gone; closing goes on without its close frame.
    }
}

// Ends the socket: the connection closes (queued frames still flush) and every later call
// throws `closed`.
[[noreturn]] void finish(WebSocketState &s, WebSocketClosed closed)
{
    s.conn->close();
    s.closed = closed;
    throw closed;
}

// The peer broke the protocol or a limit: tell it why and end, after dropping what it still
// sends for a moment so that its unread bytes do not reset the connection over the close frame.
[[noreturn]] void fail(WebSocketState &s, std::uint16_t code, const char *why)
{
    send_close(s, code, why);
    detail::drain_before_close(*s.conn);
    finish(s, WebSocketClosed(code, why, false));
}

// The peer's close frame: answer it (echoing its code) and end.
[[noreturn]] void on_close_frame(WebSocketState &s)
{
    const detail::CloseParse &c = s.reader.close_frame();
    const bool by_peer = !s.close_sent;
    send_close(s, c.code == close_code::no_status ? close_code::normal : c.code, {});
    finish(s, WebSocketClosed(c.code, std::string(c.reason), by_peer));
}

// The connection's buffer for the reader: a header whole (`need` bytes; a stall there is the
// connection's rate limit's), or whatever part of a payload is in. Payloads are consumed as
// they arrive, so a large frame never sits whole in the buffer; one whose next bytes come later
// than the minimum rate allows ends the socket.
std::string_view next_bytes(WebSocketState &s, std::size_t need, Clock::time_point since,
                            std::uint64_t taken)
{
    const double rate = s.options.min_receive_rate;
    if (s.reader.in_payload() && s.conn->buffered() == 0 && rate > 0) {
        const auto allowed = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(static_cast<double>(taken) / rate));
        if (!s.conn->wait_readable(since + rate_grace(s.options) + allowed))
            fail(s, close_code::policy, "frame arriving too slowly");
    }
    return s.conn->peek(s.reader.in_payload() ? 1 : need);
}

// Reads frames until a whole message is in (or, with `keep` false, until the peer's close frame
// ends the socket, dropping messages): the body of receive() and of close().
Message next_message(WebSocketState &s, bool keep)
{
    using Event = detail::MessageReader::Event;
    s.reader.set_dropping(!keep);
    std::size_t need = 2;
    auto since = Clock::now(); // when the current payload began
    std::uint64_t taken = 0;   // its bytes so far, for its rate
    for (;;) {
        const bool was_in_payload = s.reader.in_payload();
        const auto step = s.reader.feed(next_bytes(s, need, since, taken));
        s.conn->consume(step.consumed);
        need = step.need;
        if (!was_in_payload && s.reader.in_payload()) {
            since = Clock::now();
            taken = 0;
        } else {
            taken += step.consumed;
        }
        switch (step.event) {
        case Event::NeedMore:
            continue;
        case Event::Progress:
            break;
        case Event::Failed:
            fail(s, s.reader.error_code(), s.reader.error());
        case Event::Close:
            on_close_frame(s);
        case Event::Ping:
            if (keep)
                send_frame(s, Opcode::Pong, s.reader.control_payload());
            break;
        case Event::Pong:
            ++s.pongs;
            break;
        case Event::Message:
            return s.reader.take_message();
        }
    }
}

// Nothing is sent once closing has begun (RFC 6455 §5.5.1).
void ensure_sendable(const WebSocketState &s)
{
    if (s.closed)
        throw *s.closed;
    if (s.close_sent)
        throw WebSocketClosed(close_code::normal, "closing", false);
}

} // namespace

WebSocket::WebSocket(Connection &conn, Role role, WebSocketOptions options, std::string subprotocol)
    : d(std::make_unique<detail::WebSocketState>(conn, role, std::move(options),
                                                 std::move(subprotocol)))
{
    const auto idle = std::chrono::duration_cast<Clock::duration>(d->options.idle_timeout);
    d->conn->set_idle_limits(idle, d->options.min_receive_rate);
}

WebSocket::WebSocket(std::unique_ptr<detail::WebSocketState> state) noexcept
    : d(std::move(state))
{}

WebSocket::WebSocket(WebSocket &&) noexcept = default;
WebSocket &WebSocket::operator=(WebSocket &&) noexcept = default;
WebSocket::~WebSocket() = default;

Message WebSocket::receive()
{
    if (d->closed)
        throw *d->closed;
    std::string why;
    try {
        return next_message(*d, true);
    } catch (const WebSocketClosed &) {
        throw;
    } catch (const ConnectionClosed &e) {
        why = e.what();
    }
    // The connection ended without a close frame. Handled outside the catch block, where
    // nothing may suspend.
    d->close_sent = true;
    finish(*d, WebSocketClosed(close_code::abnormal, why, true));
}

void WebSocket::send_text(std::string_view text)
{
    ensure_sendable(*d);
    send_frame(*d, Opcode::Text, text);
}

void WebSocket::send_binary(std::string_view data)
{
    ensure_sendable(*d);
    send_frame(*d, Opcode::Binary, data);
}

void WebSocket::send(const Message &message)
{
    if (message.is_text())
        send_text(message.data);
    else
        send_binary(message.data);
}

void WebSocket::ping(std::string_view payload)
{
    if (payload.size() > 125)
        throw std::invalid_argument("websocket ping payload over 125 bytes");
    ensure_sendable(*d);
    send_frame(*d, Opcode::Ping, payload);
}

void WebSocket::close(std::uint16_t code, std::string_view reason)
{
    if (!valid_close_code(code))
        throw std::invalid_argument("websocket close code " + std::to_string(code) +
                                    " may not be sent");
    if (reason.size() > 123)
        throw std::invalid_argument("websocket close reason over 123 bytes");
    if (d->closed)
        return;
    send_close(*d, code, reason);
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(d->options.close_timeout);
    d->conn->set_deadline(deadline);
    try {
        next_message(*d, false);
    } catch (const ConnectionClosed &) {
        // The peer's close frame came (a WebSocketClosed), or the connection ended or timed out.
    }
    if (!d->closed)
        d->closed = WebSocketClosed(code, std::string(reason), false);
    d->conn->close();
}

bool WebSocket::is_open() const noexcept
{
    return !d->closed && !d->close_sent && d->conn->is_open();
}

const std::string &WebSocket::subprotocol() const noexcept
{
    return d->subprotocol;
}

std::uint64_t WebSocket::pongs() const noexcept
{
    return d->pongs;
}

Connection &WebSocket::connection() noexcept
{
    return *d->conn;
}

} // namespace diesel::http
