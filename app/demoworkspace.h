// SPDX-License-Identifier: MIT
// The built-in demo workspace (a Qt resource): the guide's TCP holla server on 4321, the UDP one
// on 1234, a client talking to the TCP one, a line pub/sub broker on 5555, a Pool whose actors
// borrow connections to the TCP one, a Queue whose two producers put 20 jobs a second and whose
// two consumers send each job through that Pool, an HTTP Service on 8080 (GET / and
// GET /echo), and a Redis item "redis": when redis-server is on the PATH it launches its own
// (on a free port unless DemoPorts names one) and connects with the workspace; otherwise it
// points at 127.0.0.1:6379 and waits to be started, to show where a server goes.
#pragma once

#include "workspace.h"

#include <QMap>
#include <QString>

#include <cstdint>

namespace workbench {

/// The demo's ports, configurable so that tests do not depend on fixed ports being free.
struct DemoPorts
{
    std::uint16_t tcp = 4321;
    std::uint16_t udp = 1234;
    std::uint16_t broker = 5555;
    std::uint16_t http = 8080;
    std::uint16_t redis = 0; ///< the launched redis-server's (0: a free one when it starts)
};

/// The demo workspace with these ports.
Workspace demoWorkspace(const DemoPorts &ports = {});

/// Sets the port of the Services (items whose kind listens) named in `ports` (name -> port);
/// Clients and Pools of this workspace aimed at a changed one (same transport, old port, a local
/// host) follow it. A name that
/// matches no Service, or several, changes nothing; returns one sentence for each such name.
QStringList overridePorts(Workspace &workspace, const QMap<QString, std::uint16_t> &ports);

} // namespace workbench
