// SPDX-License-Identifier: MIT
// HttpClient: HTTP/1.1 requests to one host over core's RequestChannel — keep-alive, requests
// of many Loops pipelined on one connection, a timeout on every request.
#pragma once

#include <diesel/core/client.h>
#include <diesel/core/error.h>
#include <diesel/core/types.h>
#include <diesel/http/export.h>
#include <diesel/http/headers.h>
#include <diesel/http/response.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace diesel::http {

/// The server's bytes were not a valid HTTP response, or broke a client limit. The connection
/// is dropped (the next request reconnects).
class DIESEL_HTTP_EXPORT HttpProtocolError : public Error
{
public:
    using Error::Error;
};

/// Settings of an HttpClient.
struct DIESEL_HTTP_EXPORT HttpClientOptions
{
    /// Connect timeout, TLS (ClientOptions::tls = TlsContext::client() verifies the server's
    /// certificate and name), server_name, label.
    ClientOptions client;
    /// Bounds each request from its write to the end of its response (RequestTimeout); none:
    /// unbounded. A request's own timeout replaces it.
    std::optional<Seconds> timeout = Seconds(30);
    std::size_t max_header_bytes = 64 * 1024; ///< response head larger: HttpProtocolError
    std::size_t max_body = 256 * 1024 * 1024; ///< response body larger: HttpProtocolError
    /// How many redirects (301, 302, 303, 307, 308 to this same host) request() follows; 0
    /// (the default) returns the redirect itself.
    int max_redirects = 0;
    std::string user_agent = "diesel"; ///< the User-Agent field; empty: none
};

namespace detail {
class ClientState;
}

/// A client of one HTTP server (host and port): the guide's HttpClient. Requests from any
/// number of Loops share one keep-alive connection (pipelined, answered in order); a closed or
/// lost connection is replaced on the next request.
class DIESEL_HTTP_EXPORT HttpClient
{
public:
    /// A client of host:port; it connects on the first request.
    HttpClient(std::string host, std::uint16_t port, HttpClientOptions options = {});
    HttpClient(HttpClient &&) noexcept;
    HttpClient &operator=(HttpClient &&) noexcept;
    ~HttpClient();

    /// Suspends the calling Loop until the whole response to `method path` has arrived (a
    /// chunked or connection-delimited body joined; none for HEAD, 204, 304). Host,
    /// User-Agent and Content-Length are added; `headers` go as given. Throws ConnectionClosed
    /// (the request may or may not have run), RequestTimeout past `timeout` (default: the
    /// options'), HttpProtocolError, and what connecting throws.
    Response request(std::string_view method, std::string_view path, const Headers &headers = {},
                     std::string_view body = {}, std::optional<Seconds> timeout = std::nullopt);
    /// request("GET", path, headers).
    Response get(std::string_view path, const Headers &headers = {});
    /// request("POST", path, headers, body).
    Response post(std::string_view path, std::string_view body, const Headers &headers = {});

    /// Whether its connection is open (false before the first request and after a close).
    bool is_connected() const noexcept;
    /// Connections made so far (1 while keep-alive holds).
    std::uint64_t connects() const noexcept;
    /// Drops the connection; requests in flight throw ConnectionClosed.
    void close() noexcept;
    const std::string &host() const noexcept;
    std::uint16_t port() const noexcept;

private:
    std::unique_ptr<detail::ClientState> d;
};

} // namespace diesel::http
