// SPDX-License-Identifier: MIT
// The server's opening handshake, and App::websocket() on top of it.
#include "field_text.h"
#include "logging.h"
#include "websocket_frame.h"

#include <diesel/http/app.h>
#include <diesel/http/websocket_server.h>

#include <openssl/evp.h>

#include <array>
#include <exception>

namespace diesel::http {

namespace {

// RFC 6455 §4.2.1: the key is base64 of 16 bytes, so 24 characters ending in "==".
bool valid_key(std::string_view key)
{
    if (key.size() != 24 || !key.ends_with("=="))
        return false;
    std::array<unsigned char, 18> raw{};
    return EVP_DecodeBlock(raw.data(), reinterpret_cast<const unsigned char *>(key.data()), 24) ==
           18;
}

// The first protocol the client offers that the server speaks.
std::string choose_subprotocol(const Request &request, const std::vector<std::string> &ours)
{
    for (const std::string_view value : request.headers.all("Sec-WebSocket-Protocol")) {
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const std::string_view offered = detail::trim_ows(rest.substr(0, comma));
            for (const std::string &p : ours)
                if (p == offered)
                    return p;
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
    }
    return {};
}

Response refusal(int status, std::string why)
{
    return Response(status, std::move(why) + '\n');
}

// Runs the session, then closes a socket it left open: normally, or with 1011 when it failed.
void run_session(WebSocket &socket, const WebSocketSession &session)
{
    std::uint16_t code = close_code::normal;
    try {
        session(socket);
    } catch (const ConnectionClosed &) {
        return;
    } catch (const std::exception &e) {
        qCWarning(lcHttp, "websocket session from %s failed: %s",
                  socket.connection().peer().to_string().c_str(), e.what());
        code = close_code::internal_error;
    }
    if (socket.is_open())
        socket.close(code);
}

} // namespace

Response accept_websocket(const Request &request, WebSocketSession session,
                          WebSocketOptions options)
{
    if (!request.headers.has_token("Upgrade", "websocket")) {
        Response r = refusal(426, "this resource speaks WebSocket only");
        r.headers.set("Upgrade", "websocket");
        return r;
    }
    if (request.method != "GET" || request.version_minor < 1)
        return refusal(400, "a WebSocket upgrade is an HTTP/1.1 GET");
    if (!request.headers.has_token("Connection", "upgrade"))
        return refusal(400, "Connection: Upgrade missing");
    if (request.header("Sec-WebSocket-Version").value_or("") != "13") {
        Response r = refusal(426, "unsupported WebSocket version");
        r.headers.set("Sec-WebSocket-Version", "13");
        return r;
    }
    const std::string_view key = detail::trim_ows(request.header("Sec-WebSocket-Key").value_or(""));
    if (!valid_key(key))
        return refusal(400, "missing or malformed Sec-WebSocket-Key");

    std::string protocol = choose_subprotocol(request, options.subprotocols);
    Response r;
    r.status = 101;
    r.headers.set("Upgrade", "websocket");
    r.headers.set("Sec-WebSocket-Accept", detail::websocket_accept(key));
    if (!protocol.empty())
        r.headers.set("Sec-WebSocket-Protocol", protocol);
    r.upgrade = [session = std::move(session), options = std::move(options),
                 protocol = std::move(protocol)](Connection &conn) {
        WebSocket socket(conn, WebSocket::Role::Server, options, protocol);
        run_session(socket, session);
    };
    return r;
}

App &App::websocket(std::string_view pattern, WebSocketRoute session, WebSocketOptions options)
{
    return get(pattern, [session = std::move(session),
                         options = std::move(options)](Request &request, const Params &params) {
        // The session outlives the handler's call: it gets its own copies.
        return accept_websocket(
            request,
            [session, request, params](WebSocket &socket) { session(socket, request, params); },
            options);
    });
}

} // namespace diesel::http
