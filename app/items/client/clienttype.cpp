// SPDX-License-Identifier: MIT
#include "clientconsole.h"
#include "clientcontroller.h"
#include "clienteditor.h"
#include "clienttype.h"
#include "itemtyperegistry.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

WorkspaceItem clientItem(const ClientSpec &spec, const QString &id)
{
    return {id, QStringLiteral("client"), clientJson(spec)};
}

ClientController *addClient(WorkspaceController &workspace, const ClientSpec &spec,
                            const QString &id)
{
    return static_cast<ClientController *>(workspace.add(clientItem(spec, id)));
}

void registerItemType_client(ItemTypeRegistry &registry)
{
    const QColor color(0x55, 0x6b, 0x8d);
    ItemType t;
    t.id = QStringLiteral("client");
    t.displayName = QStringLiteral("Client");
    t.icon = dw::glyphIcon(color, dw::Glyph::Client);
    t.groups = {QStringLiteral("Clients")};
    t.treeOrder = 20;
    t.startOrder = 30; // after the Services they talk to
    t.lookInside = ItemType::LookInside::Console;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return clientJson(readClientSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(new ClientController(readClientSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new ClientEditor(workspace, parent);
    };
    t.createConsole = [](EventLog &, QWidget *parent) -> ItemWidget * {
        return new ClientConsole(parent);
    };
    t.newItems.push_back(
        {QStringLiteral("client"), QStringLiteral("New &Client"), t.icon,
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
         QStringLiteral("A Client aimed at the selected Service, or at 127.0.0.1:4321 "
                        "(Ctrl+Shift+C)"),
         [](WorkspaceController &workspace, ItemController *selected) {
             ClientSpec spec;
             if (const auto target = selected ? selected->endpoint() : std::nullopt) {
                 spec.transport = target->transport;
                 spec.host = target->host;
                 spec.port = target->port;
                 spec.name = workspace.uniqueName(QStringLiteral("to %1").arg(selected->name()));
             } else {
                 spec.name = workspace.uniqueName(QStringLiteral("client"));
             }
             return clientJson(spec);
         },
         false});
    t.followPort = [](QJsonObject &settings, const Endpoint &from, std::uint16_t port) {
        const ClientSpec spec = readClientSpec(settings, {});
        if (spec.transport == from.transport && spec.port == from.port && isLocalHost(spec.host))
            settings.insert(QStringLiteral("port"), int(port));
    };
    registry.add(std::move(t));
}

} // namespace workbench
