// SPDX-License-Identifier: MIT
#include "itemtype.h"
#include "jsonfields.h"
#include "queuespec.h"

namespace workbench {

QString toString(ConsumerAction action)
{
    switch (action) {
    case ConsumerAction::Drop:
        return QStringLiteral("drop");
    case ConsumerAction::SendPool:
        return QStringLiteral("pool");
    }
    return {};
}

QueueSpec readQueueSpec(const QJsonObject &o, const QString &where, const ItemReadContext *context)
{
    QueueSpec q;
    q.name = getName(o, where, q.name);
    q.capacity = getInt(o, where, "capacity", q.capacity, 0, 100000000);
    // Files written before producers existed have none of these fields: no producers, and
    // consumers that drop what they take, as they did then.
    q.producers = getInt(o, where, "producers", q.producers, 0, 10000);
    q.producerRate = getNumber(o, where, "producerRate", q.producerRate, 0.001, 1000000);
    q.message = getString(o, where, "message", q.message);
    q.consumers = getInt(o, where, "consumers", q.consumers, 0, 10000);
    q.consumeDelay = getNumber(o, where, "consumeDelay", q.consumeDelay, 0, 3600);
    q.action = getEnum(o, where, "consumerAction", q.action,
                       {ConsumerAction::Drop, ConsumerAction::SendPool});
    if (q.action == ConsumerAction::SendPool) {
        q.pool = context ? context->link(o, where, "pool", QStringLiteral("pool"), true)
                         : getLabel(o, where, "pool", {}, true);
    }
    return q;
}

QJsonObject queueJson(const QueueSpec &q)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), q.name);
    o.insert(QStringLiteral("capacity"), q.capacity);
    o.insert(QStringLiteral("producers"), q.producers);
    o.insert(QStringLiteral("producerRate"), q.producerRate);
    o.insert(QStringLiteral("message"), q.message);
    o.insert(QStringLiteral("consumers"), q.consumers);
    o.insert(QStringLiteral("consumeDelay"), q.consumeDelay);
    o.insert(QStringLiteral("consumerAction"), toString(q.action));
    if (q.action == ConsumerAction::SendPool)
        o.insert(QStringLiteral("pool"), q.pool);
    return o;
}

QString producerMessage(const QueueSpec &spec, int producer, std::uint64_t n)
{
    QString text = spec.message;
    text.replace(QLatin1String("{p}"), QString::number(producer));
    text.replace(QLatin1String("{n}"), QString::number(n));
    return text;
}

} // namespace workbench
