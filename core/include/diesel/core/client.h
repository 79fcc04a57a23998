// SPDX-License-Identifier: MIT
// Clients: the guide's Client (TCP, optionally TLS) and UDPClient, with its `call` idea.
#pragma once

#include <diesel/core/connection.h>
#include <diesel/core/error.h>
#include <diesel/core/export.h>
#include <diesel/core/loop.h>
#include <diesel/core/tls.h>
#include <diesel/core/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace diesel {

/// How a Client connects.
struct DIESEL_CORE_EXPORT ClientOptions
{
    std::optional<Seconds> timeout; ///< connect timeout (the guide's timeout=); none: the OS's
    std::optional<TlsContext> tls;  ///< a client TlsContext makes a TLS Client
    std::string server_name;        ///< TLS name to send and verify; default: the host
    std::size_t max_line = 0;       ///< 0: the Hub's default
    std::string label;              ///< owner name shown to observers; default "client"
    FaultPlan faults;               ///< faults the connection injects once connected (TCP)
    /// Runs right after connecting, with the new connection current (for handshakes such as
    /// AUTH). Subclasses can do the same in their constructor body.
    std::function<void()> on_connect;
    /// Runs when the TCP handshake is done, before any TLS handshake, with no connection current
    /// yet: lets a caller time connecting and TLS apart.
    std::function<void()> on_tcp_connected;
};

/// What Client and UDPClient share: a connection that call() makes current.
class DIESEL_CORE_EXPORT Endpoint
{
public:
    Endpoint() = default;
    Endpoint(Endpoint &&) noexcept = default;
    Endpoint &operator=(Endpoint &&) noexcept = default;
    virtual ~Endpoint();

    /// Runs fn() with this endpoint's connection as the calling Loop's current connection, then
    /// restores the previous one (also on exceptions): the guide's @call. Works from any Loop,
    /// including a Service's. Throws NoConnection when closed.
    template<class F>
    decltype(auto) call(F &&fn)
    {
        Scope scope(*this);
        return std::forward<F>(fn)();
    }

    /// Closes the connection (queued output is still flushed in the background). Safe while
    /// another Loop is inside call() on it: that Loop gets ConnectionClosed.
    void close() noexcept;
    /// True while the connection is open (not closed by either side).
    bool is_connected() const noexcept;
    /// Injects `plan`'s faults on the current connection from now on (see Connection::set_faults).
    void set_faults(const FaultPlan &plan);
    /// The connection; throws NoConnection when there is none.
    Connection &connection();
    /// The connection shared, so that a Loop using it keeps it alive even if the Endpoint is
    /// closed or reconnected meanwhile; nullptr when there is none.
    const std::shared_ptr<Connection> &shared_connection() const noexcept { return m_conn; }
    const std::string &host() const noexcept { return m_host; }
    std::uint16_t port() const noexcept { return m_port; }

protected:
    void set_connection(std::shared_ptr<Connection> conn, std::string host, std::uint16_t port);

private:
    class Scope
    {
    public:
        explicit Scope(Endpoint &endpoint);
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
        ~Scope();

    private:
        Loop *m_loop;
        // Keeps the connection alive while the Loop uses it, even if the Endpoint is closed or
        // destroyed meanwhile (by GUI code, say).
        std::shared_ptr<Connection> m_conn;
        Connection *m_previous;
    };
    std::shared_ptr<Connection> m_conn;
    std::string m_host;
    std::uint16_t m_port = 0;
};

/// A TCP (or TLS) client. Subclass it and write methods that use call(), as in the guide.
class DIESEL_CORE_EXPORT Client : public Endpoint
{
public:
    /// A closed Client; connect() it later.
    Client() = default;
    /// Connects to host:port: suspends the calling Loop until connected. Names resolve without
    /// blocking the Hub. Throws ClientConnectionError, ConnectTimeout, ResolveError, TlsError.
    Client(const std::string &host, std::uint16_t port, ClientOptions options = {});
    /// Connects with a connect timeout in seconds.
    Client(const std::string &host, std::uint16_t port, double timeout_seconds);
    Client(Client &&) noexcept = default;
    Client &operator=(Client &&) noexcept = default;

    /// (Re)connects, closing any previous connection first. Suspends; throws as the constructor.
    void connect(const std::string &host, std::uint16_t port, ClientOptions options = {});
};

/// A UDP client: send() sends a datagram to host:port, receive(datagram) takes replies.
class DIESEL_CORE_EXPORT UDPClient : public Endpoint
{
public:
    UDPClient() = default;
    /// Resolves host (suspending the calling Loop) and opens a socket connected to host:port.
    UDPClient(const std::string &host, std::uint16_t port);
    UDPClient(UDPClient &&) noexcept = default;
    UDPClient &operator=(UDPClient &&) noexcept = default;

    void connect(const std::string &host, std::uint16_t port);
};

} // namespace diesel
