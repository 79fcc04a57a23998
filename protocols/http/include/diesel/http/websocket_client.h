// SPDX-License-Identifier: MIT
// The client side of WebSocket: connects, does the opening handshake (RFC 6455 §4.1) and
// returns the open socket.
#pragma once

#include <diesel/core/client.h>
#include <diesel/core/error.h>
#include <diesel/core/types.h>
#include <diesel/http/export.h>
#include <diesel/http/headers.h>
#include <diesel/http/websocket.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace diesel::http {

/// The server did not accept the upgrade (another status, or a wrong Sec-WebSocket-Accept,
/// Upgrade or subprotocol); the connection is closed.
class DIESEL_HTTP_EXPORT WebSocketHandshakeError : public Error
{
public:
    /// A refused handshake: the response's `status` and what was wrong.
    WebSocketHandshakeError(int status, const std::string &why)
        : Error(why)
        , m_status(status)
    {}
    /// The response's status (0 when the response was not valid HTTP).
    int status() const noexcept { return m_status; }

private:
    int m_status;
};

/// Settings of websocket_connect().
struct DIESEL_HTTP_EXPORT WebSocketClientOptions
{
    /// Connect timeout, TLS (wss:// uses TlsContext::client() when none is set), server_name.
    ClientOptions client;
    Headers headers; ///< extra request fields (Origin, Authorization, ...)
    /// Limits of the socket; its subprotocols are offered in Sec-WebSocket-Protocol.
    WebSocketOptions websocket;
    /// Bounds connecting and the handshake together (ConnectionTimeout past it). none: unbounded.
    std::optional<Seconds> handshake_timeout = Seconds(30);
    std::size_t max_header_bytes = 64 * 1024; ///< a larger response head: WebSocketHandshakeError
};

/// Suspends the calling Loop to connect to host:port and upgrade `target` ("/chat?room=1") to
/// a WebSocket. Throws WebSocketHandshakeError, ClientConnectionError and what Client throws.
DIESEL_HTTP_EXPORT WebSocket websocket_connect(const std::string &host, std::uint16_t port,
                                               std::string_view target,
                                               WebSocketClientOptions options = {});
/// websocket_connect() of a ws:// or wss:// URL (std::invalid_argument for another scheme).
DIESEL_HTTP_EXPORT WebSocket websocket_connect(std::string_view url,
                                               WebSocketClientOptions options = {});

} // namespace diesel::http
