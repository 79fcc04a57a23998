// SPDX-License-Identifier: MIT
// One route of an HTTP Service as a plain value, and its JSON: a method and a path pattern (the
// patterns of diesel::http::App) and what answers it.
#pragma once

#include <QJsonObject>
#include <QString>

namespace workbench {

/// What a route answers with.
enum class RouteKind {
    Text,        ///< a fixed body with a status and a content type
    Json,        ///< a fixed JSON document (checked when the Service starts)
    Echo,        ///< the request itself as JSON: method, path, query, headers, body
    Files,       ///< the files below a folder, under the pattern as URL prefix (GET, HEAD)
    WsEcho,      ///< a WebSocket at the pattern that sends every message back
    WsBroadcast, ///< a WebSocket at the pattern that sends every message to all connected
    Script,      ///< the JavaScript in the body answers: onRequest(req)
    WsScript     ///< a WebSocket whose messages the JavaScript in the body answers: onMessage
};

struct HttpRoute
{
    QString method = QStringLiteral("GET");
    QString pattern = QStringLiteral("/");
    RouteKind kind = RouteKind::Text;
    int status = 200;
    QString contentType = QStringLiteral("text/plain; charset=utf-8");
    QString body;   ///< Text: the body; Json: the document; Script, WsScript: the script
    QString folder; ///< Files: the folder served

    friend bool operator==(const HttpRoute &, const HttpRoute &) = default;
};

/// "text", "json", "echo", "files", "ws-echo", "ws-broadcast", "script", "ws-script": the words of
/// files and the UI.
QString toString(RouteKind kind);
/// "static text", "JSON", "echo of the request", ...: for people.
QString displayName(RouteKind kind);
/// Whether the route ignores its method (files answer GET and HEAD, WebSockets GET).
bool ignoresMethod(RouteKind kind);

/// Reads one route (throws Invalid naming the field).
HttpRoute readHttpRoute(const QJsonObject &o, const QString &where);
QJsonObject httpRouteJson(const HttpRoute &route);

} // namespace workbench
