// SPDX-License-Identifier: MIT
// A Queue's settings as plain values, and their JSON (the "queue" items of a workspace file).
#pragma once

#include <QJsonObject>
#include <QString>

namespace workbench {

struct QueueSpec
{
    QString name = QStringLiteral("jobs");
    int capacity = 10000;    ///< 0: unbounded
    int consumers = 0;       ///< Loops that take items (and drop them)
    double consumeDelay = 0; ///< seconds each consumer sleeps after an item

    friend bool operator==(const QueueSpec &, const QueueSpec &) = default;
};

/// Reads a Queue's settings (throws Invalid naming the field).
QueueSpec readQueueSpec(const QJsonObject &o, const QString &where);
/// The JSON of a Queue's settings.
QJsonObject queueJson(const QueueSpec &spec);

} // namespace workbench
