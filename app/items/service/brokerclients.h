// SPDX-License-Identifier: MIT
// One-click Clients aimed at a Broker Service: a subscriber (sends SUBSCRIBE chan once, then
// shows each MESSAGE) and a publisher (sends PUBLISH chan message {n} once a second). They are
// ordinary workspace Clients, built from the Client's own repeat setting.
#pragma once

#include <QString>

namespace workbench {

class ClientController;
class ServiceController;
class WorkspaceController;

enum class BrokerRole { Subscriber, Publisher };

/// Adds a Client in `role` on `channel` of the running `broker`, connected at once and with the
/// workspace (nullptr when the broker does not listen now).
ClientController *addBrokerClient(WorkspaceController &workspace, const ServiceController &broker,
                                  BrokerRole role, const QString &channel);

} // namespace workbench
