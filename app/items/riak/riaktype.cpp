// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "riakconsole.h"
#include "riakcontroller.h"
#include "riakeditor.h"
#include "riaktype.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

WorkspaceItem riakItem(const RiakSpec &spec, const QString &id)
{
    return {id, QStringLiteral("riak"), riakJson(spec)};
}

RiakController *addRiak(WorkspaceController &workspace, const RiakSpec &spec, const QString &id)
{
    return static_cast<RiakController *>(workspace.add(riakItem(spec, id)));
}

void registerItemType_riak(ItemTypeRegistry &registry)
{
    ItemType t;
    t.id = QStringLiteral("riak");
    t.displayName = QStringLiteral("Riak");
    t.icon = dw::glyphIcon(QColor(0xb0, 0x3a, 0x2e), dw::Glyph::Client);
    t.groups = {QStringLiteral("Riak")};
    t.treeOrder = 50;
    t.startOrder = 30; // after the Services a local node may be
    t.lookInside = ItemType::LookInside::Console;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return riakJson(readRiakSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(new RiakController(readRiakSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new RiakEditor(workspace, parent);
    };
    t.createConsole = [](EventLog &, QWidget *parent) -> ItemWidget * {
        return new RiakConsole(parent);
    };
    t.newItems.push_back({QStringLiteral("riak"),
                          QStringLiteral("New &Riak Node"),
                          t.icon,
                          {},
                          QStringLiteral("A Riak node to get, put, delete and list keys on "
                                         "(Protocol Buffers, 127.0.0.1:8087)"),
                          [](WorkspaceController &workspace, ItemController *) {
                              RiakSpec spec;
                              spec.name = workspace.uniqueName(spec.name);
                              return riakJson(spec);
                          },
                          false});
    t.followPort = [](QJsonObject &settings, const Endpoint &from, std::uint16_t port) {
        const RiakSpec spec = readRiakSpec(settings, {});
        if (from.transport == Transport::Tcp && spec.port == from.port && isLocalHost(spec.host))
            settings.insert(QStringLiteral("port"), int(port));
    };
    registry.add(std::move(t));
}

} // namespace workbench
