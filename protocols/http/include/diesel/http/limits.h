// SPDX-License-Identifier: MIT
// What a client may send in one request before the server refuses it.
#pragma once

#include <diesel/http/export.h>

#include <cstddef>

namespace diesel::http {

/// Caps on one request, each answered with its status and a closed connection.
struct DIESEL_HTTP_EXPORT RequestLimits
{
    std::size_t max_target = 8 * 1024;        ///< request target longer: 414 URI Too Long
    std::size_t max_header_bytes = 64 * 1024; ///< request line + header fields: 431
    std::size_t max_headers = 100;            ///< header fields: 431
    std::size_t max_body = 8 * 1024 * 1024;   ///< body (declared or received): 413
};

} // namespace diesel::http
