// SPDX-License-Identifier: MIT
#include "jsonfields.h"
#include "redisspec.h"
#include "workspace.h"

#include <QJsonArray>

namespace workbench {

bool parseHostPort(const QString &text, QString &host, std::uint16_t &port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    bool ok = false;
    const int value = text.mid(colon + 1).toInt(&ok);
    if (!ok || value < 1 || value > 65535)
        return false;
    host = text.left(colon).trimmed();
    port = std::uint16_t(value);
    return !host.isEmpty();
}

namespace {

// A list of "host:port" texts.
QStringList getNodes(const QJsonObject &o, const QString &where, const char *key)
{
    const QJsonValue list = o.value(QLatin1String(key));
    if (!list.isUndefined() && !list.isArray())
        fail(field(where, key), QStringLiteral("expected a list of \"host:port\""));
    QStringList nodes;
    for (const QJsonValue &v : list.toArray()) {
        QString host;
        std::uint16_t port = 0;
        if (!parseHostPort(v.toString(), host, port))
            fail(field(where, key),
                 QStringLiteral("expected \"host:port\", not \"%1\"").arg(v.toString()));
        nodes << v.toString().trimmed();
    }
    return nodes;
}

} // namespace

RedisSpec readRedisSpec(const QJsonObject &o, const QString &where)
{
    RedisSpec r;
    r.name = getName(o, where, r.name);
    r.host = getLabel(o, where, "host", r.host);
    r.launch = getBool(o, where, "launch", r.launch);
    r.redisServer = getString(o, where, "redisServer", r.redisServer);
    // A launched server may take any free port.
    r.port = std::uint16_t(getInt(o, where, "port", r.port, r.launch ? 0 : 1, 65535));
    r.db = getInt(o, where, "db", r.db, 0, 1000000);
    r.username = getLabel(o, where, "username", r.username);
    r.password = getString(o, where, "password", r.password);
    r.tls = getBool(o, where, "tls", r.tls);
    r.verifyPeer = getBool(o, where, "verifyPeer", r.verifyPeer);
    r.sentinelMaster = getLabel(o, where, "sentinelMaster", r.sentinelMaster);
    r.sentinels = getNodes(o, where, "sentinels");
    if (!r.sentinelMaster.isEmpty() && r.sentinels.isEmpty())
        fail(field(where, "sentinels"), QStringLiteral("a Sentinel master needs its Sentinels"));
    r.clusterSeeds = getNodes(o, where, "cluster");
    if (!r.clusterSeeds.isEmpty() && !r.sentinelMaster.isEmpty())
        fail(field(where, "cluster"), QStringLiteral("a Cluster has no Sentinel master"));
    if (!r.clusterSeeds.isEmpty() && r.db != 0)
        fail(field(where, "db"), QStringLiteral("a Cluster has only database 0"));
    if (r.launch && (!r.clusterSeeds.isEmpty() || !r.sentinelMaster.isEmpty()))
        fail(field(where, "launch"),
             QStringLiteral("a launched redis-server is one server, not a Sentinel master or a "
                            "Cluster"));
    if (r.launch && !isLocalHost(r.host))
        fail(field(where, "host"),
             QStringLiteral("a launched redis-server listens on this machine, not on %1")
                 .arg(r.host));
    r.autostart = getBool(o, where, "autostart", r.autostart);
    return r;
}

QJsonObject redisJson(const RedisSpec &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), r.name);
    o.insert(QStringLiteral("host"), r.host);
    o.insert(QStringLiteral("port"), int(r.port));
    o.insert(QStringLiteral("db"), r.db);
    if (!r.username.isEmpty())
        o.insert(QStringLiteral("username"), r.username);
    if (!r.password.isEmpty())
        o.insert(QStringLiteral("password"), r.password);
    o.insert(QStringLiteral("tls"), r.tls);
    o.insert(QStringLiteral("verifyPeer"), r.verifyPeer);
    if (!r.sentinelMaster.isEmpty()) {
        o.insert(QStringLiteral("sentinelMaster"), r.sentinelMaster);
        o.insert(QStringLiteral("sentinels"), QJsonArray::fromStringList(r.sentinels));
    }
    if (!r.clusterSeeds.isEmpty())
        o.insert(QStringLiteral("cluster"), QJsonArray::fromStringList(r.clusterSeeds));
    o.insert(QStringLiteral("autostart"), r.autostart);
    if (r.launch)
        o.insert(QStringLiteral("launch"), true);
    if (!r.redisServer.isEmpty())
        o.insert(QStringLiteral("redisServer"), r.redisServer);
    return o;
}

} // namespace workbench
