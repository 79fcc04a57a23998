// SPDX-License-Identifier: MIT
#include "brokerclients.h"
#include "clientcontroller.h"
#include "clienttype.h"
#include "servicecontroller.h"
#include "workspacecontroller.h"

namespace workbench {

ClientController *addBrokerClient(WorkspaceController &workspace, const ServiceController &broker,
                                  BrokerRole role, const QString &channel)
{
    const auto target = broker.endpoint();
    if (!broker.running() || !target || target->transport != Transport::Tcp)
        return nullptr;
    ClientSpec spec;
    spec.host = target->host;
    spec.port = target->port;
    spec.autoconnect = true;
    spec.repeat.enabled = true;
    if (role == BrokerRole::Subscriber) {
        spec.name = workspace.uniqueName(QStringLiteral("subscriber %1").arg(channel));
        spec.repeat.message = QStringLiteral("SUBSCRIBE %1").arg(channel);
        spec.repeat.count = 1;
    } else {
        spec.name = workspace.uniqueName(QStringLiteral("publisher %1").arg(channel));
        spec.repeat.message = QStringLiteral("PUBLISH %1 message {n}").arg(channel);
        spec.repeat.count = 0; // until stopped
        spec.repeat.interval = 1.0;
    }
    ClientController *client = addClient(workspace, spec);
    if (client)
        client->start();
    return client;
}

} // namespace workbench
