// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "queuecontroller.h"
#include "serviceconsole.h"
#include "servicecontroller.h"
#include "serviceeditor.h"
#include "servicetype.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

namespace {

const QColor kItemColor(0x55, 0x6b, 0x8d);

ItemController *createService(const QJsonObject &settings, WorkspaceController &workspace)
{
    auto *service =
        new ServiceController(readServiceSpec(settings, {}, nullptr),
                              [&workspace](const QString &id) { return workspace.item(id); });
    QObject::connect(
        &workspace, &WorkspaceController::itemChanged, service, [service](ItemController *item) {
            if (item == service || item->id() != linkedId(service->spec()))
                return;
            // A Queue given a new capacity is a new diesel::Queue: a running
            // Service pushing into the old one restarts to take it.
            const auto *queue = qobject_cast<QueueController *>(item);
            if (queue && service->queueInUse() && service->queueInUse() != queue->queue()) {
                service->stop();
                service->start();
            }
            // A Pool or broker stopped or started: the Service says so.
            service->checkLink();
        });
    // Its linked item back (a file reloaded item by item): the link may work again.
    QObject::connect(&workspace, &WorkspaceController::itemAdded, service,
                     [service](ItemController *item) {
                         if (item != service && item->id() == linkedId(service->spec()))
                             service->checkLink();
                     });
    QObject::connect(&workspace, &WorkspaceController::itemRemoved, service,
                     [service](ItemController *item) { service->linkRemoved(item); });
    return service;
}

QJsonObject newService(WorkspaceController &workspace, Transport transport)
{
    ServiceSpec spec;
    spec.transport = transport;
    spec.name = workspace.uniqueName(transport == Transport::Tcp ? QStringLiteral("holla")
                                                                 : QStringLiteral("udp holla"));
    spec.port = workspace.suggestPort(transport, transport == Transport::Tcp ? 4321 : 1234);
    return serviceJson(spec);
}

} // namespace

WorkspaceItem serviceItem(const ServiceSpec &spec, const QString &id)
{
    return {id, QStringLiteral("service"), serviceJson(spec)};
}

ServiceController *addService(WorkspaceController &workspace, const ServiceSpec &spec,
                              const QString &id)
{
    return static_cast<ServiceController *>(workspace.add(serviceItem(spec, id)));
}

void registerItemType_service(ItemTypeRegistry &registry)
{
    ItemType t;
    t.id = QStringLiteral("service");
    t.displayName = QStringLiteral("Service");
    t.icon = dw::glyphIcon(kItemColor, dw::Glyph::Server);
    t.groups = {QStringLiteral("TCP Services"), QStringLiteral("UDP Services")};
    t.treeOrder = 10;
    t.startOrder = 10;
    t.lookInside = ItemType::LookInside::Traffic;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &context) {
        return serviceJson(readServiceSpec(o, where, &context));
    };
    t.createController = createService;
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new ServiceEditor(workspace, parent);
    };
    t.createConsole = [](EventLog &log, QWidget *parent) -> ItemWidget * {
        return new ServiceConsole(log, parent);
    };
    t.newItems.push_back(
        {QStringLiteral("service.tcp"), QStringLiteral("New &TCP Service"),
         dw::glyphIcon(kItemColor, dw::Glyph::Server),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
         QStringLiteral("A TCP Service with the Holla behaviour on the next free port, on "
                        "127.0.0.1 (Ctrl+Shift+T)"),
         [](WorkspaceController &w, ItemController *) { return newService(w, Transport::Tcp); },
         false});
    t.newItems.push_back(
        {QStringLiteral("service.udp"), QStringLiteral("New &UDP Service"),
         dw::glyphIcon(kItemColor.lighter(125), dw::Glyph::Server),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
         QStringLiteral("A UDP Service with the Holla behaviour (Ctrl+Shift+U)"),
         [](WorkspaceController &w, ItemController *) { return newService(w, Transport::Udp); },
         false});
    t.listensOn = [](const QJsonObject &settings) -> std::optional<Endpoint> {
        const ServiceSpec spec = readServiceSpec(settings, {}, nullptr);
        return Endpoint{spec.transport, spec.iface, spec.port};
    };
    t.setListenPort = [](QJsonObject &settings, std::uint16_t port) {
        settings.insert(QStringLiteral("port"), int(port));
    };
    registry.add(std::move(t));
}

} // namespace workbench
