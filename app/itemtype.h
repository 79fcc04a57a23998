// SPDX-License-Identifier: MIT
// What the workbench knows about one kind of workspace item (Service, Client, Queue, Pool, ...):
// its id in files, its names and icon, how its settings are read from JSON, and the factories of
// its controller, its editor (the Properties panel) and its console. The tree, Properties,
// Console, workspace files and headless mode know kinds only through this. A kind lives in one
// folder, app/items/<kind>/, and registers itself there (see itemtyperegistry.h).
#pragma once

#include "workspace.h"

#include <QIcon>
#include <QJsonObject>
#include <QKeySequence>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace workbench {

class EventLog;
class ItemController;
class ItemWidget;
class WorkspaceController;

/// While items are read: which ids the file holds and of which type, so a kind can check the
/// links of an item (a Service's Queue, a Pool's target).
class ItemReadContext
{
public:
    explicit ItemReadContext(std::map<QString, QString> types)
        : m_types(std::move(types))
    {}
    /// The type of the item with this id ("" when there is none).
    QString typeOf(const QString &id) const;
    /// Reads o[key] as the id of an item of `type` ("" when absent and not required); throws
    /// Invalid naming the field when it names no such item.
    QString link(const QJsonObject &o, const QString &where, const char *key, const QString &type,
                 bool required) const;

private:
    std::map<QString, QString> m_types;
};

/// A "New ..." command of the workspace panel: the settings of a new item of its kind.
struct NewItemAction
{
    QString id;   ///< "service.tcp": names the action for tests and menus
    QString text; ///< "New &TCP Service"
    QIcon icon;
    QKeySequence shortcut;
    QString toolTip;
    /// The new item's settings; `selected` is the item selected in the tree (may be nullptr),
    /// which a new Client or Pool aims at.
    std::function<QJsonObject(WorkspaceController &workspace, ItemController *selected)> make;
    bool startAtOnce = false; ///< started as soon as it is added
};

/// One kind of item.
struct ItemType
{
    QString id;          ///< the "type" in files: "service"
    QString displayName; ///< "Service"
    QIcon icon;
    /// The tree's groups of this kind, in order ("TCP Services", "UDP Services"); an item's
    /// ItemController::group() picks one.
    QStringList groups;
    int treeOrder = 0;  ///< where its groups stand in the tree (lower: higher up)
    int startOrder = 0; ///< items start in this order (lower first) and stop in reverse
    /// What double-clicking an item shows besides its Properties: its traffic (Services), its
    /// console (Clients, Pools) or nothing more (Queues).
    enum class LookInside { Properties, Traffic, Console } lookInside = LookInside::Properties;

    /// The item's settings read from a file's object: validated (throws Invalid naming the
    /// field) and normalised (defaults filled, unknown fields dropped), so that writing them back
    /// and reading again gives the same object.
    std::function<QJsonObject(const QJsonObject &o, const QString &where,
                              const ItemReadContext &context)>
        read;
    /// The controller of an item with these (read) settings.
    std::function<ItemController *(const QJsonObject &settings, WorkspaceController &workspace)>
        createController;
    /// The editor shown in Properties for items of this kind (one per panel).
    std::function<ItemWidget *(WorkspaceController &workspace, QWidget *parent)> createEditor;
    /// The console of an item of this kind (empty: the Console panel shows a hint).
    std::function<ItemWidget *(EventLog &log, QWidget *parent)> createConsole;
    std::vector<NewItemAction> newItems;

    /// For --port NAME=PORT and the demo's ports: where an item with these settings listens
    /// (empty function or nothing: it does not listen).
    std::function<std::optional<Endpoint>(const QJsonObject &settings)> listensOn;
    /// Moves a listening item to `port`.
    std::function<void(QJsonObject &settings, std::uint16_t port)> setListenPort;
    /// An item aimed at `from` (a local host) follows it to `port` (empty: nothing to follow).
    std::function<void(QJsonObject &settings, const Endpoint &from, std::uint16_t port)> followPort;
};

} // namespace workbench
