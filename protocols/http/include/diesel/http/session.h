// SPDX-License-Identifier: MIT
// Requests by URL: http::Session keeps a bounded ConnectionPool of HttpClients per host and
// follows redirects across hosts when asked; http::request() is a one-off Session.
#pragma once

#include <diesel/core/tls.h>
#include <diesel/http/client.h>
#include <diesel/http/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace diesel::http {

/// The parts of an absolute http:// or https:// URL.
struct DIESEL_HTTP_EXPORT Url
{
    bool tls = false; ///< https
    std::string host; ///< "example.org", "127.0.0.1", "::1" (without brackets)
    std::uint16_t port = 80;
    std::string target = "/"; ///< path and query as sent ("/a?b=1"); the fragment is dropped
    /// Parses `url`; throws std::invalid_argument for another scheme, no host or a bad port.
    static Url parse(std::string_view url);
};

/// Settings of a Session.
struct DIESEL_HTTP_EXPORT SessionOptions
{
    /// Per-connection settings (timeout, limits, user agent). Its max_redirects is the Session's
    /// (redirects to any http(s) URL); for https URLs client.tls defaults to a verifying
    /// TlsContext::client().
    HttpClientOptions client;
    std::size_t per_host = 8;      ///< connections to one host at once; more Loops wait
    std::size_t idle_per_host = 2; ///< idle connections kept per host
};

/// Requests by URL from any number of Loops, with one bounded pool of keep-alive connections per
/// scheme, host and port. Not movable; destroy it after the Loops that use it.
class DIESEL_HTTP_EXPORT Session
{
public:
    explicit Session(SessionOptions options = {});
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;
    /// Closes the idle connections.
    ~Session();

    /// Suspends the calling Loop until the response to `method url` has arrived (following
    /// redirects when options.client.max_redirects > 0). Throws as HttpClient::request, and
    /// std::invalid_argument for a URL it cannot use.
    Response request(std::string_view method, std::string_view url, const Headers &headers = {},
                     std::string_view body = {}, std::optional<Seconds> timeout = std::nullopt);
    /// request("GET", url, headers).
    Response get(std::string_view url, const Headers &headers = {});
    /// Hosts with a pool so far.
    std::size_t hosts() const noexcept;

private:
    struct Pools;
    std::unique_ptr<Pools> d;
};

/// One request by URL on a Session of its own (a new connection): Session{options}.request(...).
DIESEL_HTTP_EXPORT Response request(std::string_view method, std::string_view url,
                                    const Headers &headers = {}, std::string_view body = {},
                                    std::optional<Seconds> timeout = std::nullopt,
                                    SessionOptions options = {});

} // namespace diesel::http
