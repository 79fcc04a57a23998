// SPDX-License-Identifier: MIT
#include "httpservicespec.h"
#include "jsonfields.h"

#include <QJsonArray>

namespace workbench {

HttpServiceSpec readHttpServiceSpec(const QJsonObject &o, const QString &where)
{
    HttpServiceSpec s;
    s.name = getName(o, where, s.name);
    s.iface = getLabel(o, where, "interface", s.iface);
    s.port = std::uint16_t(getInt(o, where, "port", s.port, 0, 65535));
    s.autostart = getBool(o, where, "autostart", s.autostart);
    const QJsonValue routes = o.value(QLatin1String("routes"));
    if (!routes.isUndefined() && !routes.isArray())
        fail(field(where, "routes"), QStringLiteral("expected a list of routes"));
    const QJsonArray list = routes.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = QStringLiteral("%1.routes[%2]").arg(where).arg(i);
        if (!list[i].isObject())
            fail(at, QStringLiteral("expected an object"));
        s.routes.push_back(readHttpRoute(list[i].toObject(), at));
    }
    return s;
}

QJsonObject httpServiceJson(const HttpServiceSpec &s)
{
    QJsonArray routes;
    for (const HttpRoute &r : s.routes)
        routes.append(httpRouteJson(r));
    QJsonObject o;
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("interface"), s.iface);
    o.insert(QStringLiteral("port"), int(s.port));
    o.insert(QStringLiteral("routes"), routes);
    o.insert(QStringLiteral("autostart"), s.autostart);
    return o;
}

QString httpServiceLabel(const HttpServiceSpec &spec)
{
    return QStringLiteral("http ") + spec.name;
}

std::vector<HttpRoute> defaultHttpRoutes()
{
    HttpRoute hello;
    hello.body = QStringLiteral("Hello from the diesel workbench\n");
    HttpRoute echo;
    echo.method = QStringLiteral("GET");
    echo.pattern = QStringLiteral("/echo");
    echo.kind = RouteKind::Echo;
    return {hello, echo};
}

} // namespace workbench
