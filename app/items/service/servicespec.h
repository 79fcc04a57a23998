// SPDX-License-Identifier: MIT
// A Service's settings as plain values, and their JSON (the "service" items of a workspace file).
#pragma once

#include "faults.h"
#include "workspace.h"

#include <QJsonObject>

#include <cstdint>

namespace workbench {

class ItemReadContext;

/// What a Service does with each connection (or datagram).
enum class Behaviour {
    Echo,      ///< sends back whatever arrives
    Holla,     ///< the guide's holla: each line back IN ALL CAPS
    Broker,    ///< a line pub/sub broker: SUBSCRIBE chan, PUBLISH chan message (TCP only)
    QueuePush, ///< puts each line into a named Queue of the workspace
    Script,    ///< a JavaScript onLine(line, conn) answers each line (TCP only; scriptbehaviour.h)
    Forward,   ///< a proxy: each line through a Pool of the workspace, its reply back (TCP only)
    Publish,   ///< publishes each line to a channel of a Broker Service of the workspace
};
struct ServiceSpec
{
    QString name = QStringLiteral("holla");
    Transport transport = Transport::Tcp;
    QString iface = QStringLiteral("127.0.0.1"); ///< "127.0.0.1", "::1", "0.0.0.0", "::"
    std::uint16_t port = 0;                      ///< 0: the OS picks one
    Behaviour behaviour = Behaviour::Holla;
    TlsMode tls = TlsMode::Off;
    QString certFile;
    QString keyFile;
    QString queue;   ///< for Behaviour::QueuePush: the id of the Queue item
    QString pool;    ///< for Behaviour::Forward: the id of the Pool item
    QString broker;  ///< for Behaviour::Publish: the id of a Service item with Behaviour::Broker
    QString channel; ///< for Behaviour::Publish: the broker's channel
    QString script;  ///< for Behaviour::Script: JavaScript defining onLine; empty: upper-case
    int scriptBudgetMs = 100; ///< for Behaviour::Script: how long one call may run
    bool autostart = true;
    /// TCP: a connection silent this long is closed (0: never). On by default in the workbench
    /// (the guide's Services have none), so idle or stalled peers cannot hold every descriptor.
    int idleTimeout = 300;
    /// TCP: a line in progress must arrive at this many bytes/s after a 10 s allowance (0: any
    /// rate); against slowloris.
    int minReceiveRate = 16;
    FaultSpec faults; ///< TCP: injected on every connection; changed live while running

    friend bool operator==(const ServiceSpec &, const ServiceSpec &) = default;
};

QString toString(Behaviour behaviour);
/// A person's name for a behaviour: "Echo", "Holla (upper-case)", ...
QString displayName(Behaviour behaviour);
/// The label the runtime shows for a Service's connections: "holla :4321".
QString serviceLabel(const ServiceSpec &spec);
/// The id of the item `spec`'s behaviour links to (a Queue, Pool or broker Service; "": none).
QString linkedId(const ServiceSpec &spec);
/// The type of the item `behaviour` links to ("queue", "pool", "service"; "": none).
QString linkedType(Behaviour behaviour);

/// Reads a Service's settings (throws Invalid naming the field); `context` checks its links.
ServiceSpec readServiceSpec(const QJsonObject &o, const QString &where,
                            const ItemReadContext *context);
/// The JSON of a Service's settings.
QJsonObject serviceJson(const ServiceSpec &spec);

} // namespace workbench
