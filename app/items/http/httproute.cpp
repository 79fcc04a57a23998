// SPDX-License-Identifier: MIT
#include "httproute.h"
#include "jsonfields.h"

namespace workbench {

QString toString(RouteKind kind)
{
    switch (kind) {
    case RouteKind::Text:
        return QStringLiteral("text");
    case RouteKind::Json:
        return QStringLiteral("json");
    case RouteKind::Echo:
        return QStringLiteral("echo");
    case RouteKind::Files:
        return QStringLiteral("files");
    case RouteKind::WsEcho:
        return QStringLiteral("ws-echo");
    case RouteKind::WsBroadcast:
        return QStringLiteral("ws-broadcast");
    case RouteKind::Script:
        return QStringLiteral("script");
    case RouteKind::WsScript:
        return QStringLiteral("ws-script");
    }
    return {};
}

QString displayName(RouteKind kind)
{
    switch (kind) {
    case RouteKind::Text:
        return QStringLiteral("static text");
    case RouteKind::Json:
        return QStringLiteral("JSON");
    case RouteKind::Echo:
        return QStringLiteral("echo of the request");
    case RouteKind::Files:
        return QStringLiteral("files from a folder");
    case RouteKind::WsEcho:
        return QStringLiteral("WebSocket echo");
    case RouteKind::WsBroadcast:
        return QStringLiteral("WebSocket broadcast");
    case RouteKind::Script:
        return QStringLiteral("Script");
    case RouteKind::WsScript:
        return QStringLiteral("WebSocket script");
    }
    return {};
}

bool ignoresMethod(RouteKind kind)
{
    return kind == RouteKind::Files || kind == RouteKind::WsEcho ||
           kind == RouteKind::WsBroadcast || kind == RouteKind::WsScript;
}

HttpRoute readHttpRoute(const QJsonObject &o, const QString &where)
{
    HttpRoute r;
    r.kind = getEnum(o, where, "kind", r.kind,
                     {RouteKind::Text, RouteKind::Json, RouteKind::Echo, RouteKind::Files,
                      RouteKind::WsEcho, RouteKind::WsBroadcast, RouteKind::Script,
                      RouteKind::WsScript});
    r.method = getLabel(o, where, "method", r.method).trimmed().toUpper();
    if (r.method.isEmpty() || r.method.contains(QLatin1Char(' ')))
        fail(field(where, "method"), QStringLiteral("expected a method such as GET or POST"));
    r.pattern = getLabel(o, where, "pattern", r.pattern, true);
    if (!r.pattern.startsWith(QLatin1Char('/')))
        fail(field(where, "pattern"), QStringLiteral("a path pattern starts with /"));
    r.status = getInt(o, where, "status", r.status, 100, 599);
    r.contentType = getLabel(o, where, "contentType", r.contentType);
    r.body = getString(o, where, "body", r.body);
    r.folder = getString(o, where, "folder", r.folder);
    return r;
}

QJsonObject httpRouteJson(const HttpRoute &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("method"), r.method);
    o.insert(QStringLiteral("pattern"), r.pattern);
    o.insert(QStringLiteral("kind"), toString(r.kind));
    o.insert(QStringLiteral("status"), r.status);
    o.insert(QStringLiteral("contentType"), r.contentType);
    o.insert(QStringLiteral("body"), r.body);
    o.insert(QStringLiteral("folder"), r.folder);
    return o;
}

} // namespace workbench
