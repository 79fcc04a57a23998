// SPDX-License-Identifier: MIT
// WebSocket (RFC 6455): a message-oriented socket over an upgraded HTTP connection, used from
// the Loop that owns the connection. The server side comes from accept_websocket() or
// App::websocket(), the client side from websocket_connect().
#pragma once

#include <diesel/core/connection.h>
#include <diesel/core/error.h>
#include <diesel/core/types.h>
#include <diesel/http/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::http {

/// Close codes of RFC 6455 §7.4.1 that this implementation sends or reports.
namespace close_code {
inline constexpr std::uint16_t normal = 1000;          ///< the purpose was fulfilled
inline constexpr std::uint16_t going_away = 1001;      ///< server stopping, page left
inline constexpr std::uint16_t protocol_error = 1002;  ///< a frame broke the protocol
inline constexpr std::uint16_t unsupported = 1003;     ///< a kind of data the end cannot take
inline constexpr std::uint16_t no_status = 1005;       ///< reported: the close frame had no code
inline constexpr std::uint16_t abnormal = 1006;        ///< reported: closed without a close frame
inline constexpr std::uint16_t invalid_payload = 1007; ///< text that is not UTF-8
inline constexpr std::uint16_t policy = 1008;          ///< a policy was violated
inline constexpr std::uint16_t too_big = 1009;         ///< a message over the size limit
inline constexpr std::uint16_t internal_error = 1011;  ///< the handler failed
} // namespace close_code

/// One whole message, its fragments joined.
struct DIESEL_HTTP_EXPORT Message
{
    enum class Type { Text, Binary };
    Type type = Type::Text;
    std::string data; ///< UTF-8 for Text (checked on receipt), any bytes for Binary

    bool is_text() const noexcept { return type == Type::Text; }
};

/// The WebSocket is closed: by a close handshake (either side), a protocol error (the code this
/// end sent), or the connection ending without one (abnormal, 1006). It is a ConnectionClosed,
/// so a Loop that lets it escape ends quietly like any closed connection.
class DIESEL_HTTP_EXPORT WebSocketClosed : public ConnectionClosed
{
public:
    /// A close with `code` and `reason`, started by the peer when `by_peer`.
    WebSocketClosed(std::uint16_t code, std::string reason, bool by_peer);
    /// The close code: the peer's (no_status when it sent none), or the one this end sent.
    std::uint16_t code() const noexcept { return m_code; }
    std::string_view reason() const noexcept { return m_reason; }
    /// True when the peer started the close (its close frame came first).
    bool by_peer() const noexcept { return m_by_peer; }

private:
    std::uint16_t m_code;
    std::string m_reason;
    bool m_by_peer;
};

/// Limits and timeouts of a WebSocket (both sides).
struct DIESEL_HTTP_EXPORT WebSocketOptions
{
    /// Largest message (all fragments together) accepted; a longer one, declared or received,
    /// closes with too_big (1009) before its payload is read into memory.
    std::size_t max_message = 16 * 1024 * 1024;
    /// Closes the connection when nothing arrives for this long while receive() waits. 0: never
    /// (a WebSocket may rightly stay quiet; ping() to check the peer).
    Seconds idle_timeout{0};
    /// A frame whose first bytes are in and that arrives slower than this many bytes/s, after an
    /// allowance of 10 s (or idle_timeout if shorter), closes the connection. 0: off.
    double min_receive_rate = 256;
    /// How long close() waits for the peer's close frame before closing the connection.
    Seconds close_timeout{5};
    /// Server: the subprotocols it speaks, preferred first. Client: the ones it offers.
    std::vector<std::string> subprotocols;
};

namespace detail {
struct WebSocketState;
}

/// An open WebSocket. receive() is for one Loop at a time (the one owning the connection);
/// the send functions may be called from any Loop of the Hub's thread, each frame is written
/// whole. Pings are answered by receive(), so a socket nobody receives on answers none.
class DIESEL_HTTP_EXPORT WebSocket
{
public:
    /// Which end this is: a client masks what it sends, a server requires masked frames.
    enum class Role { Server, Client };

    /// A WebSocket over `conn`, whose opening handshake is done (accept_websocket() and
    /// websocket_connect() make them; this is for other upgrades). `conn` must outlive it.
    WebSocket(Connection &conn, Role role, WebSocketOptions options = {},
              std::string subprotocol = {});
    WebSocket(WebSocket &&) noexcept;
    WebSocket &operator=(WebSocket &&) noexcept;
    /// Does no I/O: a socket not close()d ends with its connection.
    ~WebSocket();

    /// Suspends the calling Loop until a whole message is in, answering pings meanwhile.
    /// Throws WebSocketClosed when the peer closes (after answering its close frame), when its
    /// frames break the protocol or a limit (after sending the matching close code), or when
    /// the connection ends.
    Message receive();
    /// Sends a text message in one frame (`text` should be UTF-8). Throws WebSocketClosed once
    /// closing has begun.
    void send_text(std::string_view text);
    /// Sends a binary message in one frame. Throws WebSocketClosed once closing has begun.
    void send_binary(std::string_view data);
    /// send_text() or send_binary() by the message's type.
    void send(const Message &message);
    /// Sends a ping (at most 125 bytes of payload, else std::invalid_argument).
    void ping(std::string_view payload = {});
    /// Suspends the calling Loop (the receiving one: it reads the peer's frames) for the
    /// closing handshake: sends a close frame with `code`
    /// and `reason` (at most 123 bytes), discards messages until the peer's close frame (at
    /// most close_timeout), then closes the connection. Throws std::invalid_argument for a code
    /// an endpoint may not send (1005, 1006, 1015, reserved ones). Does nothing once closed.
    void close(std::uint16_t code = close_code::normal, std::string_view reason = {});

    /// False once closing has begun (either side) or the connection ended.
    bool is_open() const noexcept;
    /// The subprotocol agreed in the handshake (empty: none).
    const std::string &subprotocol() const noexcept;
    /// Pong frames received so far (answers to ping(), or unsolicited).
    std::uint64_t pongs() const noexcept;
    /// The underlying connection (peer address, counters).
    Connection &connection() noexcept;

    /// Internals: a client socket keeps the Client it came from.
    explicit WebSocket(std::unique_ptr<detail::WebSocketState> state) noexcept;

private:
    std::unique_ptr<detail::WebSocketState> d;
};

/// Whether an endpoint may put `code` in a close frame (RFC 6455 §7.4: 1000–1003, 1007–1014,
/// 3000–4999).
DIESEL_HTTP_EXPORT bool valid_close_code(std::uint16_t code) noexcept;

} // namespace diesel::http
