// SPDX-License-Identifier: MIT
#include "jsonfields.h"
#include "queuespec.h"

namespace workbench {

QueueSpec readQueueSpec(const QJsonObject &o, const QString &where)
{
    QueueSpec q;
    q.name = getName(o, where, q.name);
    q.capacity = getInt(o, where, "capacity", q.capacity, 0, 100000000);
    q.consumers = getInt(o, where, "consumers", 0, 0, 10000);
    q.consumeDelay = getNumber(o, where, "consumeDelay", 0, 0, 3600);
    return q;
}

QJsonObject queueJson(const QueueSpec &q)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), q.name);
    o.insert(QStringLiteral("capacity"), q.capacity);
    o.insert(QStringLiteral("consumers"), q.consumers);
    o.insert(QStringLiteral("consumeDelay"), q.consumeDelay);
    return o;
}

} // namespace workbench
