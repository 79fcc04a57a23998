// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "poolcontroller.h"
#include "queuecontroller.h"
#include "queueeditor.h"
#include "queuetype.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

namespace {

ItemController *createQueue(const QJsonObject &settings, WorkspaceController &workspace)
{
    auto *queue =
        new QueueController(readQueueSpec(settings, {}, nullptr), [&workspace](const QString &id) {
            return qobject_cast<PoolController *>(workspace.item(id));
        });
    // Its Pool added, started, stopped or edited: the consumers send through what is there now.
    auto relinkIfPool = [queue](ItemController *item) {
        if (item->id() == queue->spec().pool)
            queue->relink();
    };
    QObject::connect(&workspace, &WorkspaceController::itemAdded, queue, relinkIfPool);
    QObject::connect(&workspace, &WorkspaceController::itemChanged, queue, relinkIfPool);
    QObject::connect(&workspace, &WorkspaceController::itemRemoved, queue,
                     [queue](ItemController *item) {
                         if (item->id() == queue->spec().pool)
                             queue->poolRemoved(item->name());
                     });
    return queue;
}

} // namespace

WorkspaceItem queueItem(const QueueSpec &spec, const QString &id)
{
    return {id, QStringLiteral("queue"), queueJson(spec)};
}

QueueController *addQueue(WorkspaceController &workspace, const QueueSpec &spec, const QString &id)
{
    return static_cast<QueueController *>(workspace.add(queueItem(spec, id)));
}

void registerItemType_queue(ItemTypeRegistry &registry)
{
    ItemType t;
    t.id = QStringLiteral("queue");
    t.displayName = QStringLiteral("Queue");
    t.icon = dw::glyphIcon(QColor(0x55, 0x6b, 0x8d), dw::Glyph::Queue);
    t.groups = {QStringLiteral("Queues")};
    t.treeOrder = 40;
    // After the Pools its consumers send through (Services find its diesel::Queue whether it runs
    // or not), so it stops before them.
    t.startOrder = 25;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &context) {
        return queueJson(readQueueSpec(o, where, &context));
    };
    t.createController = createQueue;
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new QueueEditor(workspace, parent);
    };
    t.newItems.push_back({QStringLiteral("queue"), QStringLiteral("New &Queue"), t.icon,
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q),
                          QStringLiteral("A Queue with producers and consumers that "
                                         "Services can push lines into too (Ctrl+Shift+Q)"),
                          [](WorkspaceController &workspace, ItemController *) {
                              QueueSpec spec;
                              spec.name = workspace.uniqueName(spec.name);
                              return queueJson(spec);
                          },
                          true});
    registry.add(std::move(t));
}

} // namespace workbench
