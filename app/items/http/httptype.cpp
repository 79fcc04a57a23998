// SPDX-License-Identifier: MIT
#include "httpclientconsole.h"
#include "httpclientcontroller.h"
#include "httpclienteditor.h"
#include "httpservicecontroller.h"
#include "httpserviceeditor.h"
#include "httptype.h"
#include "itemtyperegistry.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

namespace {

const QColor kHttpColor(0x2e, 0x7d, 0x5b);

ItemType httpServiceType()
{
    ItemType t;
    t.id = QStringLiteral("http-service");
    t.displayName = QStringLiteral("HTTP Service");
    t.icon = dw::glyphIcon(kHttpColor, dw::Glyph::Server);
    t.groups = {QStringLiteral("HTTP Services")};
    t.treeOrder = 12;
    t.startOrder = 10;
    t.lookInside = ItemType::LookInside::Traffic;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return httpServiceJson(readHttpServiceSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(
            new HttpServiceController(readHttpServiceSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new HttpServiceEditor(workspace, parent);
    };
    t.newItems.push_back(
        {QStringLiteral("http-service"), QStringLiteral("New &HTTP Service"), t.icon,
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
         QStringLiteral("An HTTP Service on the next free port from 8080 with two routes: GET / "
                        "and GET /echo (Ctrl+Shift+H)"),
         [](WorkspaceController &workspace, ItemController *) {
             HttpServiceSpec spec;
             spec.name = workspace.uniqueName(spec.name);
             spec.port = workspace.suggestPort(Transport::Tcp, 8080);
             spec.routes = defaultHttpRoutes();
             return httpServiceJson(spec);
         },
         false});
    t.listensOn = [](const QJsonObject &settings) -> std::optional<Endpoint> {
        const HttpServiceSpec spec = readHttpServiceSpec(settings, {});
        return Endpoint{Transport::Tcp, spec.iface, spec.port};
    };
    t.setListenPort = [](QJsonObject &settings, std::uint16_t port) {
        settings.insert(QStringLiteral("port"), int(port));
    };
    return t;
}

ItemType httpClientType()
{
    ItemType t;
    t.id = QStringLiteral("http-client");
    t.displayName = QStringLiteral("HTTP client");
    t.icon = dw::glyphIcon(kHttpColor, dw::Glyph::Client);
    t.groups = {QStringLiteral("HTTP clients")};
    t.treeOrder = 22;
    t.startOrder = 20; // after the Services it may send to
    t.lookInside = ItemType::LookInside::Console;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return httpClientJson(readHttpClientSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(
            new HttpClientController(readHttpClientSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new HttpClientEditor(workspace, parent);
    };
    t.createConsole = [](EventLog &, QWidget *parent) -> ItemWidget * {
        return new HttpClientConsole(parent);
    };
    t.newItems.push_back(
        {QStringLiteral("http-client"), QStringLiteral("New HTTP c&lient"), t.icon, QKeySequence(),
         QStringLiteral("An HTTP request builder aimed at the selected HTTP Service or at "
                        "http://127.0.0.1:8080/"),
         [](WorkspaceController &workspace, ItemController *selected) {
             HttpClientSpec spec;
             const auto target = selected && selected->type().id == QLatin1String("http-service")
                                     ? selected->endpoint()
                                     : std::nullopt;
             if (target)
                 spec.url = QStringLiteral("http://%1:%2/").arg(target->host).arg(target->port);
             spec.name = workspace.uniqueName(spec.name);
             return httpClientJson(spec);
         },
         false});
    return t;
}

} // namespace

WorkspaceItem httpServiceItem(const HttpServiceSpec &spec, const QString &id)
{
    return {id, QStringLiteral("http-service"), httpServiceJson(spec)};
}

HttpServiceController *addHttpService(WorkspaceController &workspace, const HttpServiceSpec &spec,
                                      const QString &id)
{
    return static_cast<HttpServiceController *>(workspace.add(httpServiceItem(spec, id)));
}

WorkspaceItem httpClientItem(const HttpClientSpec &spec, const QString &id)
{
    return {id, QStringLiteral("http-client"), httpClientJson(spec)};
}

HttpClientController *addHttpClient(WorkspaceController &workspace, const HttpClientSpec &spec,
                                    const QString &id)
{
    return static_cast<HttpClientController *>(workspace.add(httpClientItem(spec, id)));
}

void registerItemType_http(ItemTypeRegistry &registry)
{
    registry.add(httpServiceType());
    registry.add(httpClientType());
}

} // namespace workbench
