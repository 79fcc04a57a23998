// SPDX-License-Identifier: MIT
// Services: the guide's Service (TCP, optionally TLS) and UDPService.
#pragma once

#include <diesel/core/address.h>
#include <diesel/core/export.h>
#include <diesel/core/faults.h>
#include <diesel/core/tls.h>
#include <diesel/core/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace diesel {

class Hub;

/// Settings shared by Service and UDPService.
struct DIESEL_CORE_EXPORT ServiceOptions
{
    std::string label;             ///< name in logs and the workbench; default "service :PORT"
    std::size_t max_line = 0;      ///< 0: the Hub's default (1 MiB)
    std::optional<TlsContext> tls; ///< a server TlsContext makes a TLS Service
    int backlog = 1024;            ///< listen() backlog
    std::size_t stack_size = 0;    ///< stack of each connection's Loop; 0: the Hub's default
    /// TCP: close a connection whose Loop waited this long for a byte (or to write); its wait
    /// throws ConnectionTimeout. None (the default): wait forever, as the guide's servers do.
    std::optional<Seconds> idle_timeout;
    /// TCP: close a connection whose message in progress (bytes buffered, the Loop waiting for
    /// the rest) arrives slower than this many bytes/s after an allowance of 10 s (or
    /// idle_timeout if shorter): slowloris. 0: off.
    double min_receive_rate = 0;
    /// TCP: the faults each accepted connection injects (see Service::set_faults()).
    FaultPlan faults;
};

namespace detail {
class ServiceState;
class UdpServiceState;
} // namespace detail

/// A TCP Service: for each accepted connection, a new Loop runs handler(peer) with that
/// connection as its current connection; the connection closes when the handler returns. An
/// exception escaping the handler is logged and ends that connection only.
class DIESEL_CORE_EXPORT Service
{
public:
    using Handler = std::function<void(const Address &peer)>;

    /// A Service on `port` (0: the OS picks a free one; see port()) and interface `iface`
    /// ("" = every IPv4 interface, "::" = every interface, "127.0.0.1", "::1", ...).
    Service(Handler handler, std::uint16_t port, std::string iface = {},
            ServiceOptions options = {});
    Service(Service &&) noexcept;
    Service &operator=(Service &&) noexcept;
    /// Stops the Service (see stop()).
    ~Service();

    /// Binds and listens on `hub` (default: this thread's Hub). Throws BindError with the address
    /// and the OS's reason ("127.0.0.1:4321: Address already in use").
    void start(Hub *hub = nullptr);
    /// Closes the listening socket and cancels the Loops of its connections.
    void stop();
    bool running() const noexcept;
    /// The bound port (the chosen one when constructed with 0), or the requested one before
    /// start().
    std::uint16_t port() const noexcept;
    const std::string &iface() const noexcept;
    const std::string &label() const noexcept;
    /// Connections accepted and still open.
    std::size_t connections() const noexcept;
    /// Connections accepted since start().
    std::uint64_t accepted() const noexcept;
    /// Injects `plan`'s faults on every open connection and every one accepted from now on.
    void set_faults(const FaultPlan &plan);
    /// The faults new connections get.
    const FaultPlan &faults() const noexcept;

private:
    std::shared_ptr<detail::ServiceState> d;
};

/// A UDP Service: one Loop runs handler() with the bound socket as its current connection;
/// receive(datagram) takes the next datagram and send() replies to its sender.
class DIESEL_CORE_EXPORT UDPService
{
public:
    using Handler = std::function<void()>;

    UDPService(Handler handler, std::uint16_t port, std::string iface = {},
               ServiceOptions options = {});
    UDPService(UDPService &&) noexcept;
    UDPService &operator=(UDPService &&) noexcept;
    ~UDPService();

    /// Binds on `hub` (default: this thread's Hub) and starts the handler's Loop. Throws BindError.
    void start(Hub *hub = nullptr);
    /// Cancels the handler's Loop and closes the socket.
    void stop();
    bool running() const noexcept;
    std::uint16_t port() const noexcept;
    const std::string &iface() const noexcept;
    const std::string &label() const noexcept;

private:
    std::shared_ptr<detail::UdpServiceState> d;
};

} // namespace diesel
