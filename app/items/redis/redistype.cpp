// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "redisconsole.h"
#include "rediscontroller.h"
#include "rediseditor.h"
#include "redistype.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

WorkspaceItem redisItem(const RedisSpec &spec, const QString &id)
{
    return {id, QStringLiteral("redis"), redisJson(spec)};
}

RedisController *addRedis(WorkspaceController &workspace, const RedisSpec &spec, const QString &id)
{
    return static_cast<RedisController *>(workspace.add(redisItem(spec, id)));
}

void registerItemType_redis(ItemTypeRegistry &registry)
{
    ItemType t;
    t.id = QStringLiteral("redis");
    t.displayName = QStringLiteral("Redis");
    t.icon = dw::glyphIcon(QColor(0xa4, 0x1e, 0x11), dw::Glyph::Client);
    t.groups = {QStringLiteral("Redis")};
    t.treeOrder = 50;
    t.startOrder = 30; // after the Services and Pools of the workspace
    t.lookInside = ItemType::LookInside::Console;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return redisJson(readRedisSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(new RedisController(readRedisSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new RedisEditor(workspace, parent);
    };
    t.createConsole = [](EventLog &, QWidget *parent) -> ItemWidget * {
        return new RedisConsole(parent);
    };
    t.newItems.push_back(
        {QStringLiteral("redis"), QStringLiteral("New &Redis Connection"), t.icon, QKeySequence(),
         QStringLiteral("A connection to a Redis server (127.0.0.1:6379 unless changed in its "
                        "Properties): a console, a key browser and a pub/sub monitor"),
         [](WorkspaceController &workspace, ItemController *) {
             RedisSpec spec;
             spec.name = workspace.uniqueName(spec.name);
             spec.autostart = false;
             return redisJson(spec);
         },
         false});
    t.followPort = [](QJsonObject &settings, const Endpoint &from, std::uint16_t port) {
        const RedisSpec spec = readRedisSpec(settings, {});
        if (from.transport == Transport::Tcp && spec.port == from.port && isLocalHost(spec.host))
            settings.insert(QStringLiteral("port"), int(port));
    };
    registry.add(std::move(t));
}

} // namespace workbench
