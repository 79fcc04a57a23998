// SPDX-License-Identifier: MIT
#include "jsonfields.h"
#include "websocketspec.h"

namespace workbench {

WebSocketClientSpec readWebSocketClientSpec(const QJsonObject &o, const QString &where)
{
    WebSocketClientSpec s;
    s.name = getName(o, where, s.name);
    s.url = getLabel(o, where, "url", s.url).trimmed();
    if (!s.url.startsWith(QLatin1String("ws://")) && !s.url.startsWith(QLatin1String("wss://")))
        fail(field(where, "url"), QStringLiteral("expected a ws:// or wss:// URL"));
    s.autoconnect = getBool(o, where, "autoconnect", s.autoconnect);
    return s;
}

QJsonObject webSocketClientJson(const WebSocketClientSpec &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("url"), s.url);
    o.insert(QStringLiteral("autoconnect"), s.autoconnect);
    return o;
}

QString webSocketClientLabel(const WebSocketClientSpec &spec)
{
    return QStringLiteral("websocket ") + spec.name;
}

} // namespace workbench
