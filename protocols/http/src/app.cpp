// SPDX-License-Identifier: MIT
// http::App: middleware around routing, static folders and error pages.
#include "logging.h"
#include "route_pattern.h"

#include <diesel/http/app.h>
#include <diesel/http/static_files.h>

#include <QJsonObject>

namespace diesel::http {

namespace {

struct Route
{
    std::string method;
    detail::RoutePattern pattern;
    RouteHandler handler;
};

struct StaticMount
{
    std::string prefix; // without a trailing '/'
    std::string folder;
};

std::string html_escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

Response default_error_page(int status, std::string_view message, const Request &request)
{
    const std::string title = std::to_string(status) + ' ' + std::string(reason_phrase(status));
    if (request.headers.value("Accept").find("application/json") != std::string_view::npos) {
        QJsonObject body{
            {QStringLiteral("status"), status},
            {QStringLiteral("error"),
             QString::fromUtf8(message.data(), static_cast<qsizetype>(message.size()))}};
        return json(body, status);
    }
    return Response(status,
                    "<!doctype html>\n<title>" + title + "</title>\n<h1>" + title + "</h1>\n<p>" +
                        html_escape(message) + "</p>\n",
                    "text/html; charset=utf-8");
}

} // namespace

struct App::State
{
    std::vector<Route> routes;
    std::vector<StaticMount> mounts;
    std::vector<Middleware> middleware;
    ErrorPage error_page = default_error_page;

    Response error(int status, std::string_view message, const Request &request) const
    {
        return error_page(status, message, request);
    }

    // Routing proper: routes in order, then static folders; 405 when only the method differs.
    Response dispatch(Request &request) const
    {
        std::string_view method = request.method;
        if (method == "HEAD")
            method = "GET";
        std::string allowed;
        Params params;
        for (const Route &route : routes) {
            if (!route.pattern.match(request.path, params))
                continue;
            if (route.method == method)
                return route.handler(request, params);
            if (allowed.find(route.method) == std::string::npos)
                allowed += (allowed.empty() ? "" : ", ") + route.method;
        }
        for (const StaticMount &mount : mounts) {
            const std::string_view path = request.path;
            if (path.starts_with(mount.prefix) &&
                (path.size() == mount.prefix.size() || path[mount.prefix.size()] == '/')) {
                Response response =
                    serve_file(request, mount.folder, path.substr(mount.prefix.size()));
                return response.status >= 400
                           ? with_headers(error(response.status, "", request), response)
                           : response;
            }
        }
        if (!allowed.empty()) {
            Response response = error(405, "this resource allows " + allowed, request);
            response.headers.set("Allow", allowed);
            return response;
        }
        return error(404, "nothing here at " + request.path, request);
    }

    // An error page carrying the fields the plain answer had (Allow of a 405, Content-Range...).
    static Response with_headers(Response page, const Response &plain)
    {
        for (const Field &f : plain.headers) {
            if (!iequals(f.name, "Content-Type"))
                page.headers.set(f.name, f.value);
        }
        return page;
    }

    // dispatch() with a route's failure turned into its error page.
    Response guarded(Request &request) const
    {
        try {
            return dispatch(request);
        } catch (const HttpError &e) {
            return error(e.status(), e.what(), request);
        } catch (const std::exception &e) {
            qCWarning(lcHttp, "%s %s: route failed: %s", request.method.c_str(),
                      request.target.c_str(), e.what());
            return error(500, "the server failed to answer", request);
        }
    }
};

App::App()
    : d(std::make_shared<State>())
{}

App &App::route(std::string method, std::string_view pattern, RouteHandler handler)
{
    d->routes.push_back(
        Route{std::move(method), detail::RoutePattern(pattern), std::move(handler)});
    return *this;
}

App &App::get(std::string_view pattern, RouteHandler handler)
{
    return route("GET", pattern, std::move(handler));
}

App &App::post(std::string_view pattern, RouteHandler handler)
{
    return route("POST", pattern, std::move(handler));
}

App &App::put(std::string_view pattern, RouteHandler handler)
{
    return route("PUT", pattern, std::move(handler));
}

App &App::patch(std::string_view pattern, RouteHandler handler)
{
    return route("PATCH", pattern, std::move(handler));
}

App &App::del(std::string_view pattern, RouteHandler handler)
{
    return route("DELETE", pattern, std::move(handler));
}

App &App::static_files(std::string_view prefix, std::string folder)
{
    std::string p(prefix);
    while (!p.empty() && p.back() == '/')
        p.pop_back();
    d->mounts.push_back(StaticMount{std::move(p), std::move(folder)});
    return *this;
}

App &App::use(Middleware middleware)
{
    d->middleware.push_back(std::move(middleware));
    return *this;
}

App &App::on_error(ErrorPage page)
{
    d->error_page = std::move(page);
    return *this;
}

Handler App::handler() const
{
    std::shared_ptr<const State> state = d;
    Handler chain = [state](Request &request) { return state->guarded(request); };
    for (auto it = d->middleware.rbegin(); it != d->middleware.rend(); ++it)
        chain = [middleware = *it, next = std::move(chain)](Request &request) {
            return middleware(request, next);
        };
    // Middleware can fail too; its failure gets an error page as well.
    return [state, chain = std::move(chain)](Request &request) {
        try {
            return chain(request);
        } catch (const HttpError &e) {
            return state->error(e.status(), e.what(), request);
        } catch (const std::exception &e) {
            qCWarning(lcHttp, "%s %s: middleware failed: %s", request.method.c_str(),
                      request.target.c_str(), e.what());
            return state->error(500, "the server failed to answer", request);
        }
    };
}

Service App::service(std::uint16_t port, std::string iface, HttpServerOptions options) const
{
    return http::service(handler(), port, std::move(iface), std::move(options));
}

} // namespace diesel::http
