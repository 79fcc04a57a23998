// SPDX-License-Identifier: MIT
#include "connection_p.h"
#include "hub_p.h"
#include "platform/sockets.h"

#include <diesel/core/client.h>
#include <diesel/core/error.h>
#include <diesel/core/hub.h>

#include <cerrno>
#include <cstring>

namespace diesel {

namespace {
// Without a timeout, a TLS handshake still may not hang forever.
constexpr auto kDefaultHandshakeTime = std::chrono::seconds(30);

std::string endpoint_text(const std::string &host, std::uint16_t port)
{
    return host + ":" + std::to_string(port);
}
} // namespace

Endpoint::~Endpoint()
{
    close();
}

void Endpoint::close() noexcept
{
    if (m_conn)
        m_conn->close();
    m_conn.reset();
}

bool Endpoint::is_connected() const noexcept
{
    return m_conn && m_conn->is_open();
}

void Endpoint::set_faults(const FaultPlan &plan)
{
    if (m_conn)
        m_conn->set_faults(plan);
}

Connection &Endpoint::connection()
{
    if (!m_conn)
        throw NoConnection("call");
    return *m_conn;
}

void Endpoint::set_connection(std::shared_ptr<Connection> conn, std::string host,
                              std::uint16_t port)
{
    m_conn = std::move(conn);
    m_host = std::move(host);
    m_port = port;
}

Endpoint::Scope::Scope(Endpoint &endpoint)
    : m_loop(&Loop::require("call"))
    , m_conn(endpoint.m_conn)
    , m_previous(m_loop->swap_connection(&endpoint.connection()))
{}

Endpoint::Scope::~Scope()
{
    m_loop->swap_connection(m_previous);
}

Client::Client(const std::string &host, std::uint16_t port, ClientOptions options)
{
    connect(host, port, std::move(options));
}

Client::Client(const std::string &host, std::uint16_t port, double timeout_seconds)
{
    ClientOptions options;
    options.timeout = Seconds(timeout_seconds);
    connect(host, port, std::move(options));
}

void Client::connect(const std::string &host, std::uint16_t port, ClientOptions options)
{
    close();
    Loop &loop = Loop::require("Client::connect");
    detail::HubPrivate &hub = detail::hub_of(loop);
    if (options.tls && options.tls->is_server())
        throw TlsError("a Client needs a client TlsContext");
    const std::optional<Clock::time_point> deadline =
        options.timeout
            ? std::optional(Clock::now() +
                            std::chrono::duration_cast<Clock::duration>(*options.timeout))
            : std::nullopt;

    int last_error = EADDRNOTAVAIL; // errno of the last address tried
    for (const Address &address : detail::resolve(host, port, detail::SocketType::Stream)) {
        detail::Fd socket = detail::open_socket(address, detail::SocketType::Stream);
        detail::set_no_delay(socket.get());
        int error = detail::start_connect(socket.get(), address);
        if (error != 0 && error != EINPROGRESS) {
            last_error = error;
            continue;
        }
        auto core = std::make_unique<detail::ConnectionCore>(
            hub, std::move(socket), Transport::Tcp, detail::ConnectionCore::Mode::Stream, address,
            options.label.empty() ? "client " + endpoint_text(host, port) : options.label, true);
        if (options.max_line)
            core->max_line = options.max_line;
        if (error == EINPROGRESS) {
            core->writable = false;
            error = core->wait_connected(deadline);
        }
        if (error != 0) {
            last_error = error;
            continue;
        }
        if (options.on_tcp_connected)
            options.on_tcp_connected();
        if (options.faults.active())
            core->set_faults(options.faults);
        if (options.tls) {
            const std::string name = options.server_name.empty() ? host : options.server_name;
            core->start_tls(*options.tls, name,
                            deadline.value_or(Clock::now() + kDefaultHandshakeTime));
        }
        set_connection(std::make_shared<Connection>(std::move(core)), host, port);
        if (options.on_connect)
            call(options.on_connect);
        return;
    }
    const std::string text = "cannot connect to " + endpoint_text(host, port) + ": " +
                             (last_error == ETIMEDOUT ? "timed out" : std::strerror(last_error));
    const std::error_code code(last_error, std::generic_category());
    if (last_error == ETIMEDOUT)
        throw ConnectTimeout(text, code);
    throw ClientConnectionError(text, code);
}

UDPClient::UDPClient(const std::string &host, std::uint16_t port)
{
    connect(host, port);
}

void UDPClient::connect(const std::string &host, std::uint16_t port)
{
    close();
    Loop &loop = Loop::require("UDPClient::connect");
    detail::HubPrivate &hub = detail::hub_of(loop);
    const Address address = detail::resolve(host, port, detail::SocketType::Datagram).front();
    detail::Fd socket = detail::open_socket(address, detail::SocketType::Datagram);
    if (const int error = detail::start_connect(socket.get(), address); error != 0)
        throw ClientConnectionError("cannot address " + endpoint_text(host, port) + ": " +
                                        std::strerror(error),
                                    std::error_code(error, std::generic_category()));
    auto core = std::make_unique<detail::ConnectionCore>(
        hub, std::move(socket), Transport::Udp, detail::ConnectionCore::Mode::Datagram, address,
        "udp client " + endpoint_text(host, port), true);
    core->set_connected_datagram();
    set_connection(std::make_shared<Connection>(std::move(core)), host, port);
}

} // namespace diesel
