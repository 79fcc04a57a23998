// SPDX-License-Identifier: MIT
// The running workspace: owns every item's controller, turns a Workspace (the file's values) into
// live items and back, and starts or stops them together.
#pragma once

#include "itemcontroller.h"
#include "workspace.h"

#include <QList>
#include <QObject>

namespace workbench {

struct ItemType;

class WorkspaceController : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceController(QObject *parent = nullptr);
    ~WorkspaceController() override;

    const QList<ItemController *> &items() const noexcept { return m_items; }
    /// Adds an item of a registered kind (stopped); an empty or taken id is replaced by a new
    /// one ("service-2"). nullptr when the type is not registered.
    ItemController *add(const WorkspaceItem &item);
    /// Stops and removes an item.
    void remove(ItemController *item);
    /// Stops and removes every item.
    void clear();

    /// Replaces every item with the workspace's (stopped; see startAutostart()).
    void load(const Workspace &workspace);
    /// The items as values, for saving.
    Workspace toWorkspace() const;
    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }

    /// Starts the items marked to start with the workspace, kind by kind in their start order
    /// (ItemType::startOrder: Services first, then the Pools, Queues and clients that use them).
    void startAutostart();
    void startAll();
    void stopAll();
    /// Connections held by all items (for "this drops N connections" confirmations).
    std::size_t liveConnections() const;

    /// The item with this id (nullptr: none).
    ItemController *item(const QString &id) const;
    /// `base` when no item has that name yet, else "base 2", "base 3", ...: new items are told
    /// apart in the tree, in confirmations and by --port.
    QString uniqueName(const QString &base) const;
    /// True when items changed since load() or markSaved().
    bool modified() const noexcept { return m_modified; }
    void markSaved();
    /// Notes that an item's settings were edited.
    void markModified() { setModified(true); }

    /// A port for a new Service: the first free one from `from` that no item uses.
    std::uint16_t suggestPort(Transport transport, std::uint16_t from = 4321) const;

Q_SIGNALS:
    void itemAdded(workbench::ItemController *item);
    /// Emitted before the item is deleted.
    void itemRemoved(workbench::ItemController *item);
    void itemChanged(workbench::ItemController *item);
    void logLine(const QString &line);
    void modifiedChanged(bool modified);

private:
    void adopt(ItemController *item);
    void setModified(bool modified);
    void start(bool onlyAutostart);
    /// The items sorted by their kind's start order (stable).
    QList<ItemController *> inStartOrder() const;
    /// The reverse of the start order, except that an item stops before the item it links to.
    QList<ItemController *> inStopOrder() const;
    QString uniqueId(const QString &wanted, const QString &type) const;

    QList<ItemController *> m_items;
    QString m_name;
    bool m_modified = false;
};

} // namespace workbench
