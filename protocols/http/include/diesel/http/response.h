// SPDX-License-Identifier: MIT
// What a handler of HttpServer returns: a status, header fields and a body, or a body the
// handler writes piece by piece.
#pragma once

#include <diesel/core/connection.h>
#include <diesel/http/export.h>
#include <diesel/http/headers.h>

#include <functional>
#include <string>
#include <string_view>

namespace diesel::http {

/// The standard reason phrase of `status` ("Not Found"), or "Unknown".
DIESEL_HTTP_EXPORT std::string_view reason_phrase(int status) noexcept;

/// Writes a streamed response body. Each write() suspends the calling Loop only under
/// back-pressure; throws ConnectionClosed when the client went away.
class DIESEL_HTTP_EXPORT BodyWriter
{
public:
    virtual ~BodyWriter() = default;
    /// Sends the next piece of the body (a chunk on HTTP/1.1; empty pieces are skipped).
    virtual void write(std::string_view data) = 0;
};

/// A response. The server adds Date, Server, Content-Length (or Transfer-Encoding: chunked for
/// a stream) and Connection itself; fields of those names set here are replaced.
struct DIESEL_HTTP_EXPORT Response
{
    int status = 200;
    Headers headers;
    std::string body;
    /// When set, the server sends the head and then calls stream(writer) to produce the body
    /// (chunked on HTTP/1.1; on HTTP/1.0 the body ends with the connection). `body` is ignored.
    std::function<void(BodyWriter &)> stream;
    /// With status 101: the server sends the head (with Connection: Upgrade) and hands the
    /// connection to upgrade(conn) in the same Loop; the connection ends when it returns.
    /// accept_websocket() sets it.
    std::function<void(Connection &)> upgrade;

    Response() = default;
    /// A response with `status`, `body` and, when the body is not empty, a Content-Type.
    Response(int status_code, std::string body_text,
             std::string content_type = "text/plain; charset=utf-8");

    /// A 200 (or `status`) text/plain response.
    static Response text(std::string body_text, int status_code = 200);
    /// A response whose body is the status line's reason ("404 Not Found\n").
    static Response error(int status_code);
};

} // namespace diesel::http
