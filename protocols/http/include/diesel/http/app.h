// SPDX-License-Identifier: MIT
// http::App: the guide's Flask wrapper in C++ terms. Routes by method and pattern with typed
// parameters, middleware, error pages, static files; served by an HttpServer like any handler.
#pragma once

#include <diesel/core/error.h>
#include <diesel/core/service.h>
#include <diesel/http/export.h>
#include <diesel/http/request.h>
#include <diesel/http/response.h>
#include <diesel/http/server.h>
#include <diesel/http/websocket.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diesel::http {

/// Thrown from a route (or by Params and read_json) to answer with `status` and an error page.
class DIESEL_HTTP_EXPORT HttpError : public Error
{
public:
    HttpError(int status, const std::string &message)
        : Error(message)
        , m_status(status)
    {}
    int status() const noexcept { return m_status; }

private:
    int m_status;
};

/// The parameters a route pattern captured ("/users/<int:id>" → id), already decoded.
class DIESEL_HTTP_EXPORT Params
{
public:
    /// The captured text of `name`, if the pattern has it.
    std::optional<std::string_view> get(std::string_view name) const noexcept;
    /// The text of `name`; throws HttpError(500) when the pattern has no such parameter.
    std::string_view text(std::string_view name) const;
    /// `name` as an integer (an <int:...> parameter always converts); HttpError(400) otherwise.
    std::int64_t integer(std::string_view name) const;
    /// `name` as a number; HttpError(400) when it is not one.
    double number(std::string_view name) const;
    /// Appends a capture (the router does).
    void add(std::string name, std::string value);
    std::size_t size() const noexcept { return m_values.size(); }

private:
    std::vector<std::pair<std::string, std::string>> m_values;
};

/// A route's function: the request and what its pattern captured.
using RouteHandler = std::function<Response(Request &, const Params &)>;
/// Middleware wraps every request: call next(request) to go on, or answer without it.
using Middleware = std::function<Response(Request &, const Handler &next)>;
/// A WebSocket route's session: the socket, the upgrade request, what the pattern captured.
using WebSocketRoute = std::function<void(WebSocket &, const Request &, const Params &)>;
/// Renders an error page: the status, a message for people, the request.
using ErrorPage = std::function<Response(int status, std::string_view message, const Request &)>;

/// A web application: routes, middleware, static folders and error pages. Set it up, then
/// serve handler() or service(); copies share the same routes.
class DIESEL_HTTP_EXPORT App
{
public:
    App();

    /// Adds a route. `pattern` is a path whose segments may be <name> (one segment, any text),
    /// <int:name> (digits, optionally signed), <float:name> (a number) or, last,
    /// <path:name> (the rest of the path, slashes included). Routes are tried in order; HEAD
    /// requests use the GET routes. Throws std::invalid_argument for a malformed pattern.
    App &route(std::string method, std::string_view pattern, RouteHandler handler);
    App &get(std::string_view pattern, RouteHandler handler);
    App &post(std::string_view pattern, RouteHandler handler);
    App &put(std::string_view pattern, RouteHandler handler);
    App &patch(std::string_view pattern, RouteHandler handler);
    App &del(std::string_view pattern, RouteHandler handler);
    /// Adds a GET route answering WebSocket upgrades (accept_websocket(): 101, or 400/426 for
    /// a request that is no valid upgrade); `session` then runs in the connection's Loop.
    App &websocket(std::string_view pattern, WebSocketRoute session, WebSocketOptions options = {});
    /// Serves the files below `folder` under the URL prefix `prefix` ("/static"): GET and HEAD,
    /// MIME types by extension, ETag/If-None-Match, Last-Modified, single byte Ranges, an
    /// index.html for a folder; nothing outside `folder` (no "..", no symbolic link out).
    App &static_files(std::string_view prefix, std::string folder);
    /// Adds middleware; the first added is the outermost.
    App &use(Middleware middleware);
    /// Replaces the error page renderer (default: a short HTML page, or JSON
    /// {"error": message, "status": n} when the client accepts application/json).
    App &on_error(ErrorPage page);

    /// The App as an HttpServer handler: middleware, then routing (404, 405 with Allow), and
    /// HttpError or any std::exception (500, logged) turned into error pages.
    Handler handler() const;
    /// http::service(handler(), port, iface, options), for quickstart().
    Service service(std::uint16_t port, std::string iface = {},
                    HttpServerOptions options = {}) const;

private:
    struct State;
    std::shared_ptr<State> d;
};

/// A JSON response of `document`'s compact text (QJsonDocument, QJsonObject or QJsonArray).
DIESEL_HTTP_EXPORT Response json(const QJsonDocument &document, int status = 200);
DIESEL_HTTP_EXPORT Response json(const QJsonObject &object, int status = 200);
DIESEL_HTTP_EXPORT Response json(const QJsonArray &array, int status = 200);
/// The request body as JSON; HttpError(400) when it is not valid JSON.
DIESEL_HTTP_EXPORT QJsonDocument read_json(const Request &request);

} // namespace diesel::http
