// SPDX-License-Identifier: MIT
// A WebSocket client's settings as plain values, and their JSON (the "websocket-client" items
// of a workspace file).
#pragma once

#include <QJsonObject>
#include <QString>

namespace workbench {

struct WebSocketClientSpec
{
    QString name = QStringLiteral("websocket");
    QString url = QStringLiteral("ws://127.0.0.1:8080/ws");
    bool autoconnect = false;

    friend bool operator==(const WebSocketClientSpec &, const WebSocketClientSpec &) = default;
};

/// Reads a WebSocket client's settings (throws Invalid naming the field).
WebSocketClientSpec readWebSocketClientSpec(const QJsonObject &o, const QString &where);
QJsonObject webSocketClientJson(const WebSocketClientSpec &spec);
/// The owner name of its connection in the traffic view: "websocket NAME".
QString webSocketClientLabel(const WebSocketClientSpec &spec);

} // namespace workbench
