// SPDX-License-Identifier: MIT
// HttpServer: an HTTP/1.1 server as a diesel Service; each connection's Loop parses requests
// with llhttp and calls the handler once per request.
#pragma once

#include <diesel/core/service.h>
#include <diesel/core/types.h>
#include <diesel/http/export.h>
#include <diesel/http/limits.h>
#include <diesel/http/request.h>
#include <diesel/http/response.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace diesel::http {

/// Handles one request; runs in the connection's Loop, so it may suspend (Redis, sleep, ...).
/// An exception derived from std::exception becomes a 500 for this request and a log line.
using Handler = std::function<Response(Request &)>;

/// Settings of an HttpServer.
struct DIESEL_HTTP_EXPORT HttpServerOptions
{
    RequestLimits limits; ///< caps on one request (414/431/413 past them)
    /// Closes a keep-alive connection idle this long between requests, or whose client read
    /// nothing of a response for this long. 0: never.
    Seconds idle_timeout{60};
    /// A request whose head (or body) arrives slower than this many bytes/s, after an allowance
    /// of 10 s, closes its connection (slowloris); a late body is answered 408. 0: off.
    double min_receive_rate = 256;
    /// The Server field of every response; empty: none.
    std::string server_name = "diesel";
    /// label, tls (a server TlsContext makes HTTPS), backlog, stack size. Its idle_timeout and
    /// min_receive_rate are replaced by the two above.
    ServiceOptions service;
};

namespace detail {
struct ServerShared;
}

/// An HTTP/1.1 server: keep-alive and pipelining, HTTP/1.0, chunked bodies both ways,
/// Expect: 100-continue, HEAD; Date, Server, Content-Length and Connection are set by it.
class DIESEL_HTTP_EXPORT HttpServer
{
public:
    /// A server on `port` (0: the OS picks one; see port()) and `iface` (as Service's).
    HttpServer(Handler handler, std::uint16_t port, std::string iface = {},
               HttpServerOptions options = {});
    HttpServer(HttpServer &&) noexcept;
    HttpServer &operator=(HttpServer &&) noexcept;
    /// Stops at once (see stop()).
    ~HttpServer();

    /// Binds and listens on `hub` (default: this thread's Hub); throws BindError.
    void start(Hub *hub = nullptr);
    /// Closes the listener and cancels every connection's Loop, requests in progress too.
    void stop();
    /// Suspends the calling Loop until the requests in progress have been answered (at most
    /// `grace`), then stop()s. Meanwhile every response carries Connection: close.
    void shutdown(Seconds grace = Seconds(10));
    bool running() const noexcept;
    std::uint16_t port() const noexcept;
    /// Requests answered since construction (error answers of the server included).
    std::uint64_t requests() const noexcept;
    /// Requests whose handler is running or whose response is being written.
    std::size_t in_flight() const noexcept;
    /// The underlying Service (connections(), accepted(), label()).
    const Service &service() const noexcept { return m_service; }

private:
    std::shared_ptr<detail::ServerShared> d;
    Service m_service;
};

/// A plain Service serving `handler` over HTTP, for quickstart() and Application::add():
/// `diesel::quickstart(diesel::http::service(hello, 8080))`.
DIESEL_HTTP_EXPORT Service service(Handler handler, std::uint16_t port, std::string iface = {},
                                   HttpServerOptions options = {});

} // namespace diesel::http
