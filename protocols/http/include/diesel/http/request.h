// SPDX-License-Identifier: MIT
// An HTTP request as a handler of HttpServer receives it.
#pragma once

#include <diesel/core/address.h>
#include <diesel/http/export.h>
#include <diesel/http/headers.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diesel::http {

/// One parsed request. The body is complete (chunked bodies are joined) before the handler runs.
struct DIESEL_HTTP_EXPORT Request
{
    std::string method; ///< "GET", "POST", ... as sent (llhttp accepts the registered methods)
    std::string target; ///< the request target as sent: "/a%20b?x=1"
    std::string path;   ///< the target's path, percent-decoded: "/a b"
    std::string query_string; ///< the target's query, undecoded: "x=1" (no '?')
    /// The decoded query parameters in order.
    std::vector<std::pair<std::string, std::string>> query;
    Headers headers;  ///< request header fields (trailers of a chunked body are not kept)
    std::string body; ///< the whole body (empty when there is none)
    Address peer;     ///< the client's address
    int version_major = 1;
    int version_minor = 1;

    /// The first query parameter called `name`, if present.
    std::optional<std::string_view> query_param(std::string_view name) const noexcept;
    /// headers.get(name).
    std::optional<std::string_view> header(std::string_view name) const noexcept
    {
        return headers.get(name);
    }
};

} // namespace diesel::http
