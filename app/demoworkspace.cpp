// SPDX-License-Identifier: MIT
#include "demoworkspace.h"
#include "itemtyperegistry.h"
#include "logging.h"
#include "redisserverprocess.h"
#include "workspacefile.h"

#include <QFile>

#include <algorithm>

namespace workbench {

namespace {

// The demo's Redis item launches a redis-server of its own when there is one to launch (the
// resource cannot know); else it stays as written, pointing at the usual port, not started.
void launchDemoRedis(Workspace &workspace, std::uint16_t port)
{
    if (findRedisServer().isEmpty())
        return;
    for (WorkspaceItem &item : workspace.items)
        if (item.type == QLatin1String("redis") && item.id == QLatin1String("redis")) {
            item.settings.insert(QStringLiteral("launch"), true);
            item.settings.insert(QStringLiteral("port"), int(port));
            item.settings.insert(QStringLiteral("autostart"), true);
        }
}

} // namespace

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
                              {QStringLiteral("broker"), ports.broker},
                              {QStringLiteral("web"), ports.http}});
    launchDemoRedis(workspace, ports.redis);
    return workspace;
}

QStringList overridePorts(Workspace &workspace, const QMap<QString, std::uint16_t> &ports)
{
    const ItemTypeRegistry &registry = ItemTypeRegistry::instance();
    // The items that listen, by the kind's word: only those can be moved.
    auto listens = [&registry](const WorkspaceItem &item) {
        const ItemType *type = registry.find(item.type);
        return type && type->listensOn && type->setListenPort && type->listensOn(item.settings);
    };
    auto nameOf = [](const WorkspaceItem &item) {
        return item.settings.value(QLatin1String("name")).toString();
    };
    QStringList refused;
    for (auto it = ports.begin(); it != ports.end(); ++it) {
        const auto named = std::count_if(
            workspace.items.begin(), workspace.items.end(),
            [&](const WorkspaceItem &item) { return listens(item) && nameOf(item) == it.key(); });
        if (named != 1) {
            refused << (named == 0
                            ? QStringLiteral("--port %1: no Service has this name").arg(it.key())
                            : QStringLiteral("--port %1: %2 Services have this name, so it is "
                                             "not clear which one to move; rename them apart")
                                  .arg(it.key())
                                  .arg(named));
            continue;
        }
        for (WorkspaceItem &moved : workspace.items) {
            if (!listens(moved) || nameOf(moved) != it.key())
                continue;
            const ItemType &type = *registry.find(moved.type);
            const Endpoint old = *type.listensOn(moved.settings);
            type.setListenPort(moved.settings, it.value());
            // Items of this workspace aimed at the moved one (on this machine) follow it.
            for (WorkspaceItem &other : workspace.items)
                if (const ItemType *t = registry.find(other.type); t && t->followPort)
                    t->followPort(other.settings, old, it.value());
        }
    }
    return refused;
}

} // namespace workbench
