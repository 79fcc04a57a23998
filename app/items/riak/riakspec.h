// SPDX-License-Identifier: MIT
// A Riak item's settings as plain values, and their JSON (the "riak" items of a workspace file):
// the node it talks to over Riak's Protocol Buffers API.
#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace workbench {

struct RiakSpec
{
    QString name = QStringLiteral("riak");
    QString host = QStringLiteral("127.0.0.1");
    std::uint16_t port = 8087;
    double requestTimeout = 10.0; ///< seconds a call may take before it fails
    bool autostart = false;

    friend bool operator==(const RiakSpec &, const RiakSpec &) = default;
};

/// Reads a Riak item's settings (throws Invalid naming the field).
RiakSpec readRiakSpec(const QJsonObject &o, const QString &where);
/// The JSON of a Riak item's settings.
QJsonObject riakJson(const RiakSpec &spec);

} // namespace workbench
