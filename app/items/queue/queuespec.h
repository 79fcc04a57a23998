// SPDX-License-Identifier: MIT
// A Queue's settings as plain values, and their JSON (the "queue" items of a workspace file): a
// bounded diesel::Queue with its producer Loops (a message at a rate each, waiting while the
// Queue is full) and its consumer Loops (take an item, drop it or send it through a Pool, work).
#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace workbench {

class ItemReadContext;

/// What a Queue's consumers do with each item they take.
enum class ConsumerAction {
    Drop,     ///< nothing: the item is taken and forgotten
    SendPool, ///< sent as a line through a Pool item; the reply is kept as the last reply
};

/// "drop", "pool" (as in files).
QString toString(ConsumerAction action);

struct QueueSpec
{
    QString name = QStringLiteral("jobs");
    int capacity = 10000;     ///< 0: unbounded
    int producers = 0;        ///< Loops that put a message into the Queue at producerRate
    double producerRate = 10; ///< items per second, each producer
    QString message = QStringLiteral("job {n}"); ///< {p}: the producer, {n}: the item's number
    int consumers = 0;                           ///< Loops that take items
    double consumeDelay = 0; ///< seconds of work per item, after the consumer's action
    ConsumerAction action = ConsumerAction::Drop;
    QString pool; ///< for ConsumerAction::SendPool: the id of the Pool item

    friend bool operator==(const QueueSpec &, const QueueSpec &) = default;
};

/// Reads a Queue's settings (throws Invalid naming the field). With a context, the Pool link must
/// name a Pool of the file; without one (settings read before) it is taken as it is.
QueueSpec readQueueSpec(const QJsonObject &o, const QString &where, const ItemReadContext *context);
/// The JSON of a Queue's settings.
QJsonObject queueJson(const QueueSpec &spec);
/// A producer's message: {p} and {n} replaced.
QString producerMessage(const QueueSpec &spec, int producer, std::uint64_t n);

} // namespace workbench
