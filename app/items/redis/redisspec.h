// SPDX-License-Identifier: MIT
// A Redis connection's settings as plain values, and their JSON (the "redis" items of a
// workspace file): one server (host, port, database, AUTH, TLS), the master that Sentinels name,
// or a Cluster found from its seed nodes; or a redis-server the item launches for itself.
#pragma once

#include <QJsonObject>
#include <QStringList>

#include <cstdint>

namespace workbench {

struct RedisSpec
{
    QString name = QStringLiteral("redis");
    QString host = QStringLiteral("127.0.0.1");
    std::uint16_t port = 6379;
    int db = 0;
    QString username; ///< ACL user for AUTH ("" : the default user)
    QString password; ///< AUTH when not empty; kept in the workspace file as written
    bool tls = false;
    bool verifyPeer = true;
    /// Sentinel mode when not empty: the master's name; host and port are then ignored.
    QString sentinelMaster;
    QStringList sentinels; ///< "host:port" of each Sentinel
    /// Cluster mode when not empty: "host:port" of seed nodes; host, port and db are ignored.
    QStringList clusterSeeds;
    bool autostart = true;
    /// Launches a throwaway redis-server on 127.0.0.1:port (0, or a port taken then: a free one)
    /// when it starts, and stops it with the item.
    bool launch = false;
    /// The redis-server to launch ("" : the one on the PATH).
    QString redisServer;

    friend bool operator==(const RedisSpec &, const RedisSpec &) = default;
};

/// Reads a Redis item's settings (throws Invalid naming the field).
RedisSpec readRedisSpec(const QJsonObject &o, const QString &where);
/// The JSON of a Redis item's settings.
QJsonObject redisJson(const RedisSpec &spec);
/// Splits "host:port" (the port is required); false when it is not that.
bool parseHostPort(const QString &text, QString &host, std::uint16_t &port);

} // namespace workbench
