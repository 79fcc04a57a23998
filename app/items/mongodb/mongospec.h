// SPDX-License-Identifier: MIT
// A MongoDB item's settings as plain values, and their JSON (the "mongodb" items of a workspace
// file): the connection string of the server or replica set it talks to.
#pragma once

#include <QJsonObject>
#include <QString>

namespace workbench {

struct MongoSpec
{
    QString name = QStringLiteral("mongodb");
    /// mongodb://host:port/ (several hosts, replicaSet=, tls=true as the driver reads them).
    QString uri = QStringLiteral("mongodb://127.0.0.1:27017/");
    double requestTimeout = 10.0; ///< seconds connecting and each call may take
    bool autostart = false;

    friend bool operator==(const MongoSpec &, const MongoSpec &) = default;
};

/// Reads a MongoDB item's settings (throws Invalid naming the field).
MongoSpec readMongoSpec(const QJsonObject &o, const QString &where);
/// The JSON of a MongoDB item's settings.
QJsonObject mongoJson(const MongoSpec &spec);

} // namespace workbench
