// SPDX-License-Identifier: MIT
// Session: a ConnectionPool of HttpClients per origin, redirects followed across origins.
#include "redirect.h"

#include <diesel/core/pool.h>
#include <diesel/http/session.h>

#include <charconv>
#include <map>
#include <stdexcept>

namespace diesel::http {

Url Url::parse(std::string_view url)
{
    Url parts;
    const std::string whole(url);
    if (url.starts_with("https://")) {
        parts.tls = true;
        parts.port = 443;
        url.remove_prefix(8);
    } else if (url.starts_with("http://")) {
        url.remove_prefix(7);
    } else {
        throw std::invalid_argument("not an http:// or https:// URL: " + whole);
    }
    url = url.substr(0, url.find('#'));
    const auto slash = url.find_first_of("/?");
    std::string_view authority = url.substr(0, slash);
    if (slash != std::string_view::npos)
        parts.target = (url[slash] == '?' ? "/" : "") + std::string(url.substr(slash));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1); // credentials are not sent
    std::string_view port;
    if (authority.starts_with("[")) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            throw std::invalid_argument("unclosed '[' in URL: " + whole);
        parts.host = std::string(authority.substr(1, close - 1));
        const std::string_view rest = authority.substr(close + 1);
        if (rest.starts_with(":"))
            port = rest.substr(1);
        else if (!rest.empty())
            throw std::invalid_argument("bad host in URL: " + whole);
    } else {
        const auto colon = authority.rfind(':');
        parts.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            port = authority.substr(colon + 1);
    }
    if (parts.host.empty())
        throw std::invalid_argument("no host in URL: " + whole);
    if (!port.empty()) {
        unsigned value = 0;
        const auto r = std::from_chars(port.data(), port.data() + port.size(), value);
        if (r.ec != std::errc() || r.ptr != port.data() + port.size() || value == 0 ||
            value > 65535)
            throw std::invalid_argument("bad port in URL: " + whole);
        parts.port = static_cast<std::uint16_t>(value);
    }
    return parts;
}

struct Session::Pools
{
    explicit Pools(SessionOptions o)
        : options(std::move(o))
    {}

    ConnectionPool<HttpClient> &pool_for(const Url &url)
    {
        const std::string key = std::string(url.tls ? "https://" : "http://") + url.host + ':' +
                                std::to_string(url.port);
        auto it = pools.find(key);
        if (it != pools.end())
            return *it->second;
        HttpClientOptions client = options.client;
        client.max_redirects = 0; // the Session follows them, across hosts too
        if (url.tls && !client.client.tls)
            client.client.tls = TlsContext::client();
        if (!url.tls)
            client.client.tls.reset();
        auto pool = std::make_unique<ConnectionPool<HttpClient>>(
            [host = url.host, port = url.port, client] {
                return std::make_unique<HttpClient>(host, port, client);
            },
            [](HttpClient &c) { c.close(); }, options.idle_per_host, options.per_host, std::nullopt,
            "http " + key);
        return *pools.emplace(key, std::move(pool)).first->second;
    }

    SessionOptions options;
    std::map<std::string, std::unique_ptr<ConnectionPool<HttpClient>>> pools;
};

Session::Session(SessionOptions options)
    : d(std::make_unique<Pools>(std::move(options)))
{}

Session::~Session() = default;

Response Session::request(std::string_view method, std::string_view url, const Headers &headers,
                          std::string_view body, std::optional<Seconds> timeout)
{
    std::string current_method(method);
    std::string current_body(body);
    Url where = Url::parse(url);
    for (int hops = 0;; ++hops) {
        Response response;
        {
            auto client = d->pool_for(where).connection();
            response =
                client->request(current_method, where.target, headers, current_body, timeout);
        }
        if (hops >= d->options.client.max_redirects || !detail::is_redirect(response.status))
            return response;
        const std::string_view location = response.headers.value("Location");
        if (location.starts_with("/") && !location.starts_with("//")) {
            where.target = std::string(location);
        } else if (location.starts_with("http://") || location.starts_with("https://")) {
            where = Url::parse(location);
        } else {
            return response; // relative references other than absolute paths are not followed
        }
        current_method = detail::redirected_method(response.status, current_method, current_body);
    }
}

Response Session::get(std::string_view url, const Headers &headers)
{
    return request("GET", url, headers);
}

std::size_t Session::hosts() const noexcept
{
    return d->pools.size();
}

Response request(std::string_view method, std::string_view url, const Headers &headers,
                 std::string_view body, std::optional<Seconds> timeout, SessionOptions options)
{
    Session session(std::move(options));
    return session.request(method, url, headers, body, timeout);
}

} // namespace diesel::http
