// SPDX-License-Identifier: MIT
#include "jsonfields.h"
#include "mongospec.h"

namespace workbench {

MongoSpec readMongoSpec(const QJsonObject &o, const QString &where)
{
    MongoSpec m;
    m.name = getName(o, where, m.name);
    m.uri = getLabel(o, where, "uri", m.uri);
    if (!m.uri.startsWith(QLatin1String("mongodb://")))
        fail(field(where, "uri"), QStringLiteral("expected a mongodb:// connection string"));
    m.requestTimeout = getNumber(o, where, "requestTimeout", m.requestTimeout, 0.001, 3600);
    m.autostart = getBool(o, where, "autostart", m.autostart);
    return m;
}

QJsonObject mongoJson(const MongoSpec &m)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), m.name);
    o.insert(QStringLiteral("uri"), m.uri);
    o.insert(QStringLiteral("requestTimeout"), m.requestTimeout);
    o.insert(QStringLiteral("autostart"), m.autostart);
    return o;
}

} // namespace workbench
