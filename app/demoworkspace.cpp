// SPDX-License-Identifier: MIT
#include "demoworkspace.h"
#include "logging.h"
#include "workspacefile.h"

#include <QFile>

#include <algorithm>

namespace workbench {

Workspace demoWorkspace(const DemoPorts &ports)
{
    QFile file(QStringLiteral(":/diesel/workspaces/demo.json"));
    Workspace workspace;
    if (file.open(QIODevice::ReadOnly)) {
        WorkspaceResult result =
            parseWorkspace(file.readAll(), QStringLiteral("the demo workspace"));
        if (result)
            workspace = std::move(*result.workspace);
        else
            qCWarning(lcApp, "%s", qPrintable(result.error));
    } else {
        qCWarning(lcApp, "the demo workspace resource is missing");
    }
    overridePorts(workspace, {{QStringLiteral("holla"), ports.tcp},
                              {QStringLiteral("udp holla"), ports.udp},
                              {QStringLiteral("broker"), ports.broker}});
    return workspace;
}

QStringList overridePorts(Workspace &workspace, const QMap<QString, std::uint16_t> &ports)
{
    QStringList refused;
    for (auto it = ports.begin(); it != ports.end(); ++it) {
        const auto named =
            std::count_if(workspace.services.begin(), workspace.services.end(),
                          [&it](const ServiceSpec &service) { return service.name == it.key(); });
        if (named != 1) {
            refused << (named == 0
                            ? QStringLiteral("--port %1: no Service has this name").arg(it.key())
                            : QStringLiteral("--port %1: %2 Services have this name, so it is "
                                             "not clear which one to move; rename them apart")
                                  .arg(it.key())
                                  .arg(named));
            continue;
        }
        for (ServiceSpec &service : workspace.services) {
            if (service.name != it.key())
                continue;
            const std::uint16_t old = service.port;
            service.port = it.value();
            for (ClientSpec &client : workspace.clients)
                if (client.transport == service.transport && client.port == old &&
                    (client.host == QLatin1String("127.0.0.1") ||
                     client.host == QLatin1String("localhost") ||
                     client.host == QLatin1String("::1")))
                    client.port = it.value();
        }
    }
    return refused;
}

} // namespace workbench
