// SPDX-License-Identifier: MIT
#include "jsonfields.h"
#include "poolspec.h"

namespace workbench {

PoolSpec readPoolSpec(const QJsonObject &o, const QString &where)
{
    PoolSpec p;
    p.name = getName(o, where, p.name);
    p.host = getLabel(o, where, "host", p.host);
    p.port = std::uint16_t(getInt(o, where, "port", p.port, 1, 65535));
    p.tls = getBool(o, where, "tls", p.tls);
    p.verifyPeer = getBool(o, where, "verifyPeer", p.verifyPeer);
    p.poolSize = getInt(o, where, "poolSize", p.poolSize, 0, 100000);
    p.poolMax = getInt(o, where, "poolMax", p.poolMax, 0, 100000);
    p.maxWait = getNumber(o, where, "maxWait", p.maxWait, 0, 3600);
    p.actors = getInt(o, where, "actors", p.actors, 0, 10000);
    p.message = getString(o, where, "message", p.message);
    p.interval = getNumber(o, where, "interval", p.interval, 0, 86400);
    p.replyTimeout = getNumber(o, where, "replyTimeout", p.replyTimeout, 0.001, 3600);
    p.autostart = getBool(o, where, "autostart", p.autostart);
    if (p.poolMax != 0 && p.poolSize > p.poolMax)
        fail(field(where, "poolSize"),
             QStringLiteral("must not exceed poolMax (%1)").arg(p.poolMax));
    return p;
}

QJsonObject poolJson(const PoolSpec &p)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), p.name);
    o.insert(QStringLiteral("host"), p.host);
    o.insert(QStringLiteral("port"), int(p.port));
    o.insert(QStringLiteral("tls"), p.tls);
    o.insert(QStringLiteral("verifyPeer"), p.verifyPeer);
    o.insert(QStringLiteral("poolSize"), p.poolSize);
    o.insert(QStringLiteral("poolMax"), p.poolMax);
    o.insert(QStringLiteral("maxWait"), p.maxWait);
    o.insert(QStringLiteral("actors"), p.actors);
    o.insert(QStringLiteral("message"), p.message);
    o.insert(QStringLiteral("interval"), p.interval);
    o.insert(QStringLiteral("replyTimeout"), p.replyTimeout);
    o.insert(QStringLiteral("autostart"), p.autostart);
    return o;
}

QString actorMessage(const PoolSpec &spec, int actor, std::uint64_t n)
{
    QString text = spec.message;
    text.replace(QLatin1String("{a}"), QString::number(actor));
    text.replace(QLatin1String("{n}"), QString::number(n));
    return text;
}

} // namespace workbench
