// SPDX-License-Identifier: MIT
#include "logging.h"
#include "server_shared.h"

#include <diesel/core/event.h>

Q_LOGGING_CATEGORY(lcHttp, "diesel.http", QtInfoMsg)

namespace diesel::http {

namespace detail {

ServiceOptions service_options(const HttpServerOptions &options)
{
    ServiceOptions service = options.service;
    if (options.idle_timeout.count() > 0)
        service.idle_timeout = options.idle_timeout;
    service.min_receive_rate = options.min_receive_rate;
    return service;
}

namespace {
Service make_service(std::shared_ptr<ServerShared> shared, std::uint16_t port, std::string iface)
{
    ServiceOptions options = service_options(shared->options);
    return Service([shared](const Address &peer) { serve_connection(*shared, peer); }, port,
                   std::move(iface), std::move(options));
}
} // namespace

} // namespace detail

HttpServer::HttpServer(Handler handler, std::uint16_t port, std::string iface,
                       HttpServerOptions options)
    : d(std::make_shared<detail::ServerShared>(std::move(handler), std::move(options)))
    , m_service(detail::make_service(d, port, std::move(iface)))
{}

HttpServer::HttpServer(HttpServer &&) noexcept = default;
HttpServer &HttpServer::operator=(HttpServer &&) noexcept = default;
HttpServer::~HttpServer() = default;

void HttpServer::start(Hub *hub)
{
    d->stopping = false;
    d->drained.clear();
    m_service.start(hub);
}

void HttpServer::stop()
{
    m_service.stop();
}

void HttpServer::shutdown(Seconds grace)
{
    d->stopping = true;
    if (d->in_flight > 0) {
        try {
            d->drained.wait(grace);
        } catch (const EventTimeout &) {
            // Past the grace period the remaining requests are cancelled by stop().
        }
    }
    stop();
}

bool HttpServer::running() const noexcept
{
    return m_service.running();
}

std::uint16_t HttpServer::port() const noexcept
{
    return m_service.port();
}

std::uint64_t HttpServer::requests() const noexcept
{
    return d->requests;
}

std::size_t HttpServer::in_flight() const noexcept
{
    return d->in_flight;
}

Service service(Handler handler, std::uint16_t port, std::string iface, HttpServerOptions options)
{
    return detail::make_service(
        std::make_shared<detail::ServerShared>(std::move(handler), std::move(options)), port,
        std::move(iface));
}

} // namespace diesel::http
