// SPDX-License-Identifier: MIT
// Writes a Response on the current connection: the head with the fields the server owns, then
// the body as one gathered write, or chunk by chunk for a stream.
#pragma once

#include <diesel/core/connection.h>
#include <diesel/http/response.h>

#include <ctime>
#include <string>
#include <string_view>

namespace diesel::http::detail {

/// How the request shapes the response.
struct ResponseContext
{
    bool head_request = false; ///< HEAD: no body is sent
    bool http10 = false;       ///< HTTP/1.0: no chunked encoding
    bool keep_alive = true;    ///< false: Connection: close
    std::string_view server_name;
};

/// Writes `response`; returns whether the connection may stay open (a stream answered to
/// HTTP/1.0 ends with the connection). `scratch` is reused between responses for the head.
bool write_response(Connection &conn, Response &response, const ResponseContext &context,
                    std::string &scratch);

/// `when` as an HTTP date (RFC 9110 §5.6.7).
std::string format_http_date(std::time_t when);

/// The current time as an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"), formatted once a second.
std::string_view http_date();

} // namespace diesel::http::detail
