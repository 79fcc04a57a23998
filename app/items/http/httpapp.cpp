// SPDX-License-Identifier: MIT
#include "httpapp.h"
#include "httpscriptroute.h"
#include "jsonfields.h"

#include <diesel/http/websocket.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

namespace workbench {

namespace http = diesel::http;

namespace {

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The sockets of one broadcast route: a message from any of them goes to all of them.
struct BroadcastRoom
{
    std::vector<http::WebSocket *> members;
};

void echoSession(http::WebSocket &ws)
{
    for (;;)
        ws.send(ws.receive());
}

// The room by value: it lives as long as a session does, even past the App that made it.
void broadcastSession(std::shared_ptr<BroadcastRoom> shared, http::WebSocket &ws)
{
    BroadcastRoom &room = *shared;
    room.members.push_back(&ws);
    struct Leave
    {
        BroadcastRoom &room;
        http::WebSocket *ws;
        ~Leave() { std::erase(room.members, ws); }
    } leave{room, &ws};
    for (;;) {
        const http::Message message = ws.receive();
        // A copy: a member that leaves while this Loop waits on a slow peer changes the list.
        const std::vector<http::WebSocket *> members = room.members;
        for (http::WebSocket *member : members) {
            if (std::find(room.members.begin(), room.members.end(), member) == room.members.end())
                continue;
            try {
                member->send(message);
            } catch (const http::WebSocketClosed &) {
                // That member is on its way out; its own Loop removes it.
            }
        }
    }
}

http::Response staticResponse(const HttpRoute &route, const QString &where)
{
    std::string body = route.body.toStdString();
    std::string type = route.contentType.toStdString();
    if (route.kind == RouteKind::Json) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(route.body.toUtf8(), &error);
        if (document.isNull())
            fail(where, QStringLiteral("the body is not JSON: ") + error.errorString());
        body = document.toJson(QJsonDocument::Compact).toStdString();
        type = "application/json";
    }
    return http::Response(route.status, std::move(body), std::move(type));
}

void addRoute(http::App &app, const HttpRoute &route, const QString &where,
              const ScriptFailure &failed, std::chrono::milliseconds budget)
{
    const std::string pattern = route.pattern.toStdString();
    switch (route.kind) {
    case RouteKind::Text:
    case RouteKind::Json: {
        const http::Response response = staticResponse(route, where);
        app.route(route.method.toStdString(), pattern,
                  [response](http::Request &, const http::Params &) { return response; });
        return;
    }
    case RouteKind::Echo:
        app.route(route.method.toStdString(), pattern,
                  [](http::Request &request, const http::Params &) {
                      return http::json(echoOfRequest(request));
                  });
        return;
    case RouteKind::Files:
        if (route.folder.isEmpty() || !QDir(route.folder).exists())
            fail(where, QStringLiteral("the folder \"%1\" does not exist").arg(route.folder));
        app.static_files(pattern, QDir(route.folder).absolutePath().toStdString());
        return;
    case RouteKind::WsEcho:
        app.websocket(pattern, [](http::WebSocket &ws, const http::Request &,
                                  const http::Params &) { echoSession(ws); });
        return;
    case RouteKind::WsBroadcast: {
        auto room = std::make_shared<BroadcastRoom>();
        app.websocket(pattern, [room](http::WebSocket &ws, const http::Request &,
                                      const http::Params &) { broadcastSession(room, ws); });
        return;
    }
    case RouteKind::Script:
        addScriptRoute(app, route, where, budget, failed);
        return;
    case RouteKind::WsScript:
        addWebSocketScriptRoute(app, route, where, budget, failed);
        return;
    }
}

} // namespace

http::App makeHttpApp(const std::vector<HttpRoute> &routes, ScriptFailure failed,
                      std::chrono::milliseconds budget)
{
    http::App app;
    for (std::size_t i = 0; i < routes.size(); ++i) {
        const HttpRoute &route = routes[i];
        const QString where =
            QStringLiteral("route %1 (%2 %3)")
                .arg(i + 1)
                .arg(ignoresMethod(route.kind) ? QStringLiteral("GET") : route.method,
                     route.pattern);
        try {
            addRoute(app, route, where, failed, budget);
        } catch (const std::invalid_argument &e) {
            fail(where, QString::fromUtf8(e.what()));
        }
    }
    return app;
}

QJsonObject echoOfRequest(const http::Request &request)
{
    QJsonObject headers;
    for (const http::Field &f : request.headers) {
        const QString name = fromStd(f.name);
        const QString previous = headers.value(name).toString();
        headers.insert(name, previous.isEmpty()
                                 ? fromStd(f.value)
                                 : previous + QStringLiteral(", ") + fromStd(f.value));
    }
    QJsonArray query;
    for (const auto &[name, value] : request.query)
        query.append(QJsonArray{fromStd(name), fromStd(value)});
    QJsonObject o;
    o.insert(QStringLiteral("method"), fromStd(request.method));
    o.insert(QStringLiteral("target"), fromStd(request.target));
    o.insert(QStringLiteral("path"), fromStd(request.path));
    o.insert(QStringLiteral("query"), query);
    o.insert(QStringLiteral("headers"), headers);
    o.insert(QStringLiteral("body"), fromStd(request.body));
    o.insert(QStringLiteral("peer"), fromStd(request.peer.to_string()));
    return o;
}

} // namespace workbench
