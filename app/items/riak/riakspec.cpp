// SPDX-License-Identifier: MIT
#include "jsonfields.h"
#include "riakspec.h"

namespace workbench {

RiakSpec readRiakSpec(const QJsonObject &o, const QString &where)
{
    RiakSpec r;
    r.name = getName(o, where, r.name);
    r.host = getLabel(o, where, "host", r.host);
    r.port = std::uint16_t(getInt(o, where, "port", r.port, 1, 65535));
    r.requestTimeout = getNumber(o, where, "requestTimeout", r.requestTimeout, 0.001, 3600);
    r.autostart = getBool(o, where, "autostart", r.autostart);
    return r;
}

QJsonObject riakJson(const RiakSpec &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), r.name);
    o.insert(QStringLiteral("host"), r.host);
    o.insert(QStringLiteral("port"), int(r.port));
    o.insert(QStringLiteral("requestTimeout"), r.requestTimeout);
    o.insert(QStringLiteral("autostart"), r.autostart);
    return o;
}

} // namespace workbench
