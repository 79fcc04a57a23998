// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "jsonfields.h"
#include "portprobe.h"
#include "workspacecontroller.h"

#include <algorithm>
#include <functional>
#include <set>

namespace workbench {

WorkspaceController::WorkspaceController(QObject *parent)
    : QObject(parent)
{}

WorkspaceController::~WorkspaceController()
{
    stopAll();
}

QList<ItemController *> WorkspaceController::inStartOrder() const
{
    QList<ItemController *> order = m_items;
    std::stable_sort(order.begin(), order.end(), [](ItemController *a, ItemController *b) {
        return a->type().startOrder < b->type().startOrder;
    });
    return order;
}

QList<ItemController *> WorkspaceController::inStopOrder() const
{
    // Clients and Pools first, they talk to the Services; and whatever links to an item (a proxy
    // to its Pool, a Service to its Queue or broker) before it, whatever their kinds.
    QList<ItemController *> order;
    std::set<const ItemController *> placed;
    const std::function<void(ItemController *)> place = [&](ItemController *item) {
        if (!placed.insert(item).second)
            return;
        for (ItemController *user : m_items)
            if (user != item && user->linkedItem() == item->id())
                place(user);
        order.append(item);
    };
    const QList<ItemController *> started = inStartOrder();
    for (auto it = started.rbegin(); it != started.rend(); ++it)
        place(*it);
    return order;
}

void WorkspaceController::adopt(ItemController *item)
{
    m_items.append(item);
    connect(item, &ItemController::changed, this, [this, item] { Q_EMIT itemChanged(item); });
    connect(item, &ItemController::logLine, this, &WorkspaceController::logLine);
    Q_EMIT itemAdded(item);
    setModified(true);
}

QString WorkspaceController::uniqueName(const QString &base) const
{
    auto taken = [this](const QString &name) {
        return std::any_of(m_items.begin(), m_items.end(),
                           [&name](const ItemController *item) { return item->name() == name; });
    };
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

QString WorkspaceController::uniqueId(const QString &wanted, const QString &type) const
{
    if (!wanted.isEmpty() && !item(wanted))
        return wanted;
    QString id;
    for (int n = 1; id.isEmpty() || item(id); ++n)
        id = QStringLiteral("%1-%2").arg(type).arg(n);
    return id;
}

ItemController *WorkspaceController::add(const WorkspaceItem &spec)
{
    const ItemType *type = ItemTypeRegistry::instance().find(spec.type);
    if (!type)
        return nullptr;
    ItemController *item = nullptr;
    try {
        item = type->createController(spec.settings, *this);
    } catch (const Invalid &) {
        return nullptr; // settings that were not read by the type: not from a file or a panel
    }
    item->setParent(this);
    item->setIdentity(*type, uniqueId(spec.id, spec.type));
    adopt(item);
    return item;
}

void WorkspaceController::remove(ItemController *item)
{
    if (!m_items.contains(item))
        return;
    item->stop();
    Q_EMIT itemRemoved(item);
    m_items.removeOne(item);
    delete item;
    setModified(true);
}

void WorkspaceController::clear()
{
    while (!m_items.isEmpty())
        remove(m_items.back());
}

void WorkspaceController::load(const Workspace &workspace)
{
    clear();
    m_name = workspace.name;
    for (const WorkspaceItem &item : workspace.items)
        add(item);
    setModified(false);
}

Workspace WorkspaceController::toWorkspace() const
{
    Workspace w;
    w.name = m_name;
    for (ItemController *item : m_items)
        w.items.push_back({item->id(), item->type().id, item->settings()});
    return w;
}

void WorkspaceController::start(bool onlyAutostart)
{
    for (ItemController *item : inStartOrder())
        if ((!onlyAutostart || item->autostart()) && item->state() != ItemState::Running)
            item->start();
}

void WorkspaceController::startAutostart()
{
    start(true);
}

void WorkspaceController::startAll()
{
    start(false);
}

void WorkspaceController::stopAll()
{
    for (ItemController *item : inStopOrder())
        item->stop();
}

std::size_t WorkspaceController::liveConnections() const
{
    std::size_t n = 0;
    for (ItemController *item : m_items)
        n += item->liveConnections();
    return n;
}

ItemController *WorkspaceController::item(const QString &id) const
{
    for (ItemController *item : m_items)
        if (item->id() == id)
            return item;
    return nullptr;
}

void WorkspaceController::markSaved()
{
    setModified(false);
}

void WorkspaceController::setModified(bool modified)
{
    if (modified == m_modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

std::uint16_t WorkspaceController::suggestPort(Transport transport, std::uint16_t from) const
{
    std::set<std::uint16_t> used;
    for (ItemController *item : m_items)
        if (const auto endpoint = item->endpoint())
            used.insert(endpoint->port);
    for (std::uint32_t port = from; port <= 65535; ++port)
        if (!used.count(std::uint16_t(port)) &&
            portIsFree(transport, QStringLiteral("127.0.0.1"), std::uint16_t(port)))
            return std::uint16_t(port);
    return 0;
}

} // namespace workbench
