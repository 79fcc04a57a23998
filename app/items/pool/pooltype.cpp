// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "poolconsole.h"
#include "poolcontroller.h"
#include "pooleditor.h"
#include "pooltype.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

WorkspaceItem poolItem(const PoolSpec &spec, const QString &id)
{
    return {id, QStringLiteral("pool"), poolJson(spec)};
}

PoolController *addPool(WorkspaceController &workspace, const PoolSpec &spec, const QString &id)
{
    return static_cast<PoolController *>(workspace.add(poolItem(spec, id)));
}

void registerItemType_pool(ItemTypeRegistry &registry)
{
    ItemType t;
    t.id = QStringLiteral("pool");
    t.displayName = QStringLiteral("Pool");
    t.icon = dw::glyphIcon(QColor(0x55, 0x6b, 0x8d), dw::Glyph::Client);
    t.groups = {QStringLiteral("Pools")};
    t.treeOrder = 30;
    t.startOrder = 20; // after the Services it may borrow connections to
    t.lookInside = ItemType::LookInside::Console;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return poolJson(readPoolSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(new PoolController(readPoolSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new PoolEditor(workspace, parent);
    };
    t.createConsole = [](EventLog &, QWidget *parent) -> ItemWidget * {
        return new PoolConsole(parent);
    };
    t.newItems.push_back(
        {QStringLiteral("pool"), QStringLiteral("New &Pool"), t.icon,
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
         QStringLiteral("A ConnectionPool with actors, aimed at the selected Service or at "
                        "127.0.0.1:4321 (Ctrl+Shift+P)"),
         [](WorkspaceController &workspace, ItemController *selected) {
             PoolSpec spec;
             const auto target = selected ? selected->endpoint() : std::nullopt;
             if (target && target->transport == Transport::Tcp) {
                 spec.host = target->host;
                 spec.port = target->port;
                 spec.name =
                     workspace.uniqueName(QStringLiteral("pool to %1").arg(selected->name()));
             } else {
                 spec.name = workspace.uniqueName(spec.name);
             }
             return poolJson(spec);
         },
         false});
    t.followPort = [](QJsonObject &settings, const Endpoint &from, std::uint16_t port) {
        const PoolSpec spec = readPoolSpec(settings, {});
        if (from.transport == Transport::Tcp && spec.port == from.port && isLocalHost(spec.host))
            settings.insert(QStringLiteral("port"), int(port));
    };
    registry.add(std::move(t));
}

} // namespace workbench
