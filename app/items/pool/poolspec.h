// SPDX-License-Identifier: MIT
// A Pool's settings as plain values, and their JSON (the "pool" items of a workspace file): a
// diesel::ConnectionPool to a target and the actors, Loops that borrow from it.
#pragma once

#include "workspace.h"

#include <QJsonObject>

#include <cstdint>

namespace workbench {

struct PoolSpec
{
    QString name = QStringLiteral("pool");
    QString host = QStringLiteral("127.0.0.1");
    std::uint16_t port = 4321;
    bool tls = false;
    bool verifyPeer = true;
    int poolSize = 5;     ///< idle connections kept at most (pool_size)
    int poolMax = 10;     ///< connections lent at once at most (pool_max; 0: no limit)
    double maxWait = 5.0; ///< seconds a borrower waits at poolMax (0: not at all)
    int actors = 4;       ///< Loops that borrow a connection, send a line and wait for the reply
    QString message = QStringLiteral("hello from actor {a} #{n}"); ///< {a}: actor, {n}: number
    double interval = 0.5; ///< seconds between an actor's messages
    double replyTimeout = 5.0;
    bool autostart = true;

    friend bool operator==(const PoolSpec &, const PoolSpec &) = default;
};

/// Reads a Pool's settings (throws Invalid naming the field).
PoolSpec readPoolSpec(const QJsonObject &o, const QString &where);
/// The JSON of a Pool's settings.
QJsonObject poolJson(const PoolSpec &spec);
/// An actor's message: {a} and {n} replaced.
QString actorMessage(const PoolSpec &spec, int actor, std::uint64_t n);

} // namespace workbench
