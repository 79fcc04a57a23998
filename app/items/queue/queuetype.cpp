// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "queuecontroller.h"
#include "queueeditor.h"
#include "queuetype.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

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
    t.startOrder = 0; // before the Services that push into it
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return queueJson(readQueueSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(new QueueController(readQueueSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new QueueEditor(workspace, parent);
    };
    t.newItems.push_back({QStringLiteral("queue"), QStringLiteral("New &Queue"), t.icon,
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q),
                          QStringLiteral("A Queue that Services can push lines into "
                                         "(Ctrl+Shift+Q)"),
                          [](WorkspaceController &workspace, ItemController *) {
                              QueueSpec spec;
                              spec.name = workspace.uniqueName(spec.name);
                              return queueJson(spec);
                          },
                          true});
    registry.add(std::move(t));
}

} // namespace workbench
