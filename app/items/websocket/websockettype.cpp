// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "websocketconsole.h"
#include "websocketcontroller.h"
#include "websocketeditor.h"
#include "websockettype.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

WorkspaceItem webSocketClientItem(const WebSocketClientSpec &spec, const QString &id)
{
    return {id, QStringLiteral("websocket-client"), webSocketClientJson(spec)};
}

WebSocketClientController *addWebSocketClient(WorkspaceController &workspace,
                                              const WebSocketClientSpec &spec, const QString &id)
{
    return static_cast<WebSocketClientController *>(workspace.add(webSocketClientItem(spec, id)));
}

void registerItemType_websocket(ItemTypeRegistry &registry)
{
    ItemType t;
    t.id = QStringLiteral("websocket-client");
    t.displayName = QStringLiteral("WebSocket client");
    t.icon = dw::glyphIcon(QColor(0x6a, 0x4c, 0x93), dw::Glyph::Client);
    t.groups = {QStringLiteral("WebSocket clients")};
    t.treeOrder = 24;
    t.startOrder = 20; // after the Services it connects to
    t.lookInside = ItemType::LookInside::Console;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return webSocketClientJson(readWebSocketClientSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(
            new WebSocketClientController(readWebSocketClientSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new WebSocketEditor(workspace, parent);
    };
    t.createConsole = [](EventLog &, QWidget *parent) -> ItemWidget * {
        return new WebSocketConsole(parent);
    };
    t.newItems.push_back(
        {QStringLiteral("websocket-client"), QStringLiteral("New &WebSocket client"), t.icon,
         QKeySequence(),
         QStringLiteral("A WebSocket console aimed at ws://127.0.0.1:8080/ws (an HTTP Service's "
                        "WebSocket route)"),
         [](WorkspaceController &workspace, ItemController *selected) {
             WebSocketClientSpec spec;
             const auto target = selected && selected->type().id == QLatin1String("http-service")
                                     ? selected->endpoint()
                                     : std::nullopt;
             if (target)
                 spec.url = QStringLiteral("ws://%1:%2/ws").arg(target->host).arg(target->port);
             spec.name = workspace.uniqueName(spec.name);
             return webSocketClientJson(spec);
         },
         false});
    registry.add(std::move(t));
}

} // namespace workbench
