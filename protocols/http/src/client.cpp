// SPDX-License-Identifier: MIT
// HttpClient on RequestChannel: a request is one gathered write, its response is read by the
// ResponseParser when its turn comes; redirects to the same host are followed when asked.
#include "redirect.h"
#include "response_parser.h"

#include <diesel/core/request_channel.h>
#include <diesel/http/client.h>

#include <array>

namespace diesel::http {

namespace detail {

class ClientState
{
public:
    ClientState(std::string host_name, std::uint16_t port_number, HttpClientOptions client_options)
        : host(std::move(host_name))
        , port(port_number)
        , options(std::move(client_options))
        , host_field(port == 80 || port == 443 ? host : host + ':' + std::to_string(port))
        , parser(options.max_header_bytes, options.max_body)
        , channel(channel_options(), [this](Connection &conn) { parser.read(conn); })
    {}

    Response request(std::string_view method, std::string_view path, const Headers &headers,
                     std::string_view body, std::optional<Seconds> timeout)
    {
        std::string head;
        head.reserve(128);
        head.append(method)
            .append(" ")
            .append(path.empty() ? "/" : path)
            .append(" HTTP/1.1\r\nHost: ");
        head.append(host_field).append("\r\n");
        if (!options.user_agent.empty() && !headers.has("User-Agent"))
            head.append("User-Agent: ").append(options.user_agent).append("\r\n");
        for (const Field &f : headers) {
            if (iequals(f.name, "Host") || iequals(f.name, "Content-Length"))
                continue;
            head.append(f.name).append(": ").append(f.value).append("\r\n");
        }
        if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
            head.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
        head.append("\r\n");
        const std::array<std::string_view, 2> parts{head, body};

        RequestTime time;
        std::optional<Clock::time_point> own_deadline;
        if (timeout && options.timeout)
            time.extra = std::chrono::duration_cast<Clock::duration>(*timeout - *options.timeout);
        else if (timeout)
            own_deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(*timeout);

        RequestChannel::Ticket ticket;
        {
            // The parser learns of the request under the send turn, so its notes stay in the
            // order of the requests on the connection.
            const RequestChannel::Hold turn = channel.hold();
            ticket = channel.send(std::span<const std::string_view>(parts.data(), parts.size()), 1,
                                  time);
            parser.sent(method == "HEAD");
        }
        Response response;
        try {
            response = ticket.read([&](Connection &conn) {
                if (own_deadline)
                    conn.set_deadline(own_deadline);
                return parser.read(conn);
            });
        } catch (const HttpProtocolError &) {
            // The connection's bytes can no longer be trusted: nothing more is read from it.
            ticket.finish();
            channel.close();
            throw;
        }
        ticket.finish();
        if (!parser.keep_alive())
            channel.close();
        return response;
    }

    std::string host;
    std::uint16_t port;
    HttpClientOptions options;
    std::string host_field;
    ResponseParser parser;
    RequestChannel channel;

private:
    RequestChannelOptions channel_options()
    {
        RequestChannelOptions o;
        o.host = host;
        o.port = port;
        o.client = options.client;
        o.request_timeout = options.timeout;
        o.name = "http " + host_field;
        o.on_disconnect = [this] { parser.reset(); };
        return o;
    }
};

namespace {
// The path of a Location on this same host ("/b", "http://host:port/b"), or nothing.
std::optional<std::string> same_host_path(std::string_view location, const ClientState &client)
{
    if (location.starts_with("/") && !location.starts_with("//"))
        return std::string(location);
    const bool tls = client.options.client.tls.has_value();
    const std::string origin = std::string(tls ? "https://" : "http://") + client.host_field;
    if (location.starts_with(origin)) {
        const std::string_view rest = location.substr(origin.size());
        if (rest.empty())
            return std::string("/");
        if (rest.starts_with("/"))
            return std::string(rest);
    }
    return std::nullopt;
}
} // namespace

} // namespace detail

HttpClient::HttpClient(std::string host, std::uint16_t port, HttpClientOptions options)
    : d(std::make_unique<detail::ClientState>(std::move(host), port, std::move(options)))
{}

HttpClient::HttpClient(HttpClient &&) noexcept = default;
HttpClient &HttpClient::operator=(HttpClient &&) noexcept = default;
HttpClient::~HttpClient() = default;

Response HttpClient::request(std::string_view method, std::string_view path, const Headers &headers,
                             std::string_view body, std::optional<Seconds> timeout)
{
    Response response = d->request(method, path, headers, body, timeout);
    std::string current_method(method);
    std::string current_body(body);
    for (int hops = 0; hops < d->options.max_redirects && detail::is_redirect(response.status);
         ++hops) {
        const auto next = detail::same_host_path(response.headers.value("Location"), *d);
        if (!next)
            break;
        current_method = detail::redirected_method(response.status, current_method, current_body);
        response = d->request(current_method, *next, headers, current_body, timeout);
    }
    return response;
}

Response HttpClient::get(std::string_view path, const Headers &headers)
{
    return request("GET", path, headers);
}

Response HttpClient::post(std::string_view path, std::string_view body, const Headers &headers)
{
    return request("POST", path, headers, body);
}

bool HttpClient::is_connected() const noexcept
{
    return d->channel.is_connected();
}

std::uint64_t HttpClient::connects() const noexcept
{
    return d->channel.connects();
}

void HttpClient::close() noexcept
{
    d->channel.close();
}

const std::string &HttpClient::host() const noexcept
{
    return d->host;
}

std::uint16_t HttpClient::port() const noexcept
{
    return d->port;
}

} // namespace diesel::http
