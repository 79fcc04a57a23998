// SPDX-License-Identifier: MIT
// The server side of the WebSocket opening handshake (RFC 6455 §4.2), for an HttpServer handler;
// App::websocket() wraps it for a route.
#pragma once

#include <diesel/http/export.h>
#include <diesel/http/request.h>
#include <diesel/http/response.h>
#include <diesel/http/websocket.h>

#include <functional>

namespace diesel::http {

/// A WebSocket session: runs in the connection's Loop once the handshake is answered. When it
/// returns with the socket still open, the server closes it normally (1000); an exception other
/// than ConnectionClosed closes it with internal_error (1011) and is logged.
using WebSocketSession = std::function<void(WebSocket &)>;

/// Answers `request` as a WebSocket upgrade: a 101 response whose connection then runs
/// `session`. A request that is not a valid upgrade gets its error instead: 426 (with
/// Upgrade: websocket) without an Upgrade: websocket field, 426 (with Sec-WebSocket-Version:
/// 13) for another version, 400 for a method other than GET, HTTP/1.0, a missing Connection:
/// Upgrade or a malformed Sec-WebSocket-Key. The subprotocol is the first of the client's
/// Sec-WebSocket-Protocol list that options.subprotocols contains (none if none).
DIESEL_HTTP_EXPORT Response accept_websocket(const Request &request, WebSocketSession session,
                                             WebSocketOptions options = {});

} // namespace diesel::http
