// SPDX-License-Identifier: MIT
// A Client's settings as plain values, and their JSON (the "client" items of a workspace file).
#pragma once

#include "faults.h"
#include "workspace.h"

#include <QJsonObject>

#include <cstdint>

namespace workbench {

/// Sending one message again and again.
struct RepeatSpec
{
    bool enabled = false;  ///< starts when the client connects
    QString message;       ///< "{n}" is replaced by the message's number (from 1)
    int count = 0;         ///< 0: until stopped
    double interval = 1.0; ///< seconds between two messages

    friend bool operator==(const RepeatSpec &, const RepeatSpec &) = default;
};

struct ClientSpec
{
    QString name = QStringLiteral("client");
    Transport transport = Transport::Tcp;
    QString host = QStringLiteral("127.0.0.1");
    std::uint16_t port = 4321;
    bool tls = false;
    bool verifyPeer = true;
    LineEnding lineEnding = LineEnding::CrLf;
    bool waitForReply = true;
    double replyTimeout = 5.0; ///< seconds
    bool autoconnect = false;
    RepeatSpec repeat;
    FaultSpec faults; ///< TCP: injected on its connection; changed live while connected

    friend bool operator==(const ClientSpec &, const ClientSpec &) = default;
};

/// Reads a Client's settings (throws Invalid naming the field).
ClientSpec readClientSpec(const QJsonObject &o, const QString &where);
/// The JSON of a Client's settings.
QJsonObject clientJson(const ClientSpec &spec);

} // namespace workbench
