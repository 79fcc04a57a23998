// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "mongoconsole.h"
#include "mongocontroller.h"
#include "mongoeditor.h"
#include "mongotype.h"
#include "workspacecontroller.h"

#include <diesel/widgets/glyphicon.h>

namespace workbench {

namespace dw = diesel::widgets;

WorkspaceItem mongoItem(const MongoSpec &spec, const QString &id)
{
    return {id, QStringLiteral("mongodb"), mongoJson(spec)};
}

MongoController *addMongo(WorkspaceController &workspace, const MongoSpec &spec, const QString &id)
{
    return static_cast<MongoController *>(workspace.add(mongoItem(spec, id)));
}

void registerItemType_mongodb(ItemTypeRegistry &registry)
{
    ItemType t;
    t.id = QStringLiteral("mongodb");
    t.displayName = QStringLiteral("MongoDB");
    t.icon = dw::glyphIcon(QColor(0x3f, 0x8f, 0x4f), dw::Glyph::Client);
    t.groups = {QStringLiteral("MongoDB")};
    t.treeOrder = 50;
    t.startOrder = 30; // after the Services a local server may be
    t.lookInside = ItemType::LookInside::Console;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        return mongoJson(readMongoSpec(o, where));
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(new MongoController(readMongoSpec(settings, {})));
    };
    t.createEditor = [](WorkspaceController &workspace, QWidget *parent) -> ItemWidget * {
        return new MongoEditor(workspace, parent);
    };
    t.createConsole = [](EventLog &, QWidget *parent) -> ItemWidget * {
        return new MongoConsole(parent);
    };
    t.newItems.push_back({QStringLiteral("mongodb"),
                          QStringLiteral("New &MongoDB Server"),
                          t.icon,
                          {},
                          QStringLiteral("A MongoDB server to browse, find, insert, update and "
                                         "delete in (mongodb://127.0.0.1:27017/)"),
                          [](WorkspaceController &workspace, ItemController *) {
                              MongoSpec spec;
                              spec.name = workspace.uniqueName(spec.name);
                              return mongoJson(spec);
                          },
                          false});
    registry.add(std::move(t));
}

} // namespace workbench
