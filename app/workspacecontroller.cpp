// SPDX-License-Identifier: MIT
#include "clientcontroller.h"
#include "portprobe.h"
#include "queuecontroller.h"
#include "servicecontroller.h"
#include "workspacecontroller.h"

#include <algorithm>
#include <set>

namespace workbench {

WorkspaceController::WorkspaceController(QObject *parent)
    : QObject(parent)
{}

WorkspaceController::~WorkspaceController()
{
    // Clients first: they talk to the Services.
    for (ItemController *item : std::as_const(m_items))
        if (item->kind() == ItemKind::Client)
            item->stop();
    for (ItemController *item : std::as_const(m_items))
        item->stop();
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

ServiceController *WorkspaceController::addService(const ServiceSpec &spec)
{
    auto lookup = [this](const QString &name) -> std::shared_ptr<StringQueue> {
        QueueController *q = queue(name);
        return q ? q->queue() : nullptr;
    };
    auto *service = new ServiceController(spec, lookup, this);
    adopt(service);
    return service;
}

ClientController *WorkspaceController::addClient(const ClientSpec &spec)
{
    auto *client = new ClientController(spec, this);
    adopt(client);
    return client;
}

QueueController *WorkspaceController::addQueue(const QueueSpec &spec)
{
    auto *queue = new QueueController(spec, this);
    adopt(queue);
    // Services pushing into a Queue hold it: after its capacity changes (a new Queue) they
    // restart to take the new one.
    connect(queue, &ItemController::changed, this, [this, queue, last = spec.capacity]() mutable {
        if (queue->spec().capacity == last)
            return;
        last = queue->spec().capacity;
        for (ItemController *item : std::as_const(m_items))
            if (auto *s = qobject_cast<ServiceController *>(item))
                if (s->spec().behaviour == Behaviour::QueuePush &&
                    s->spec().queue == queue->name() && s->state() == ItemState::Running) {
                    s->stop();
                    s->start();
                }
    });
    return queue;
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
    for (const QueueSpec &q : workspace.queues)
        addQueue(q);
    for (const ServiceSpec &s : workspace.services)
        addService(s);
    for (const ClientSpec &c : workspace.clients)
        addClient(c);
    setModified(false);
}

Workspace WorkspaceController::toWorkspace() const
{
    Workspace w;
    w.name = m_name;
    for (ItemController *item : m_items) {
        if (auto *s = qobject_cast<ServiceController *>(item))
            w.services.push_back(s->spec());
        else if (auto *c = qobject_cast<ClientController *>(item))
            w.clients.push_back(c->spec());
        else if (auto *q = qobject_cast<QueueController *>(item))
            w.queues.push_back(q->spec());
    }
    return w;
}

void WorkspaceController::start(bool onlyAutostart)
{
    for (ItemKind kind : {ItemKind::Queue, ItemKind::Service, ItemKind::Client})
        for (ItemController *item : std::as_const(m_items))
            if (item->kind() == kind && (!onlyAutostart || item->autostart()) &&
                item->state() != ItemState::Running)
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
    for (ItemKind kind : {ItemKind::Client, ItemKind::Service, ItemKind::Queue})
        for (ItemController *item : std::as_const(m_items))
            if (item->kind() == kind)
                item->stop();
}

std::size_t WorkspaceController::liveConnections() const
{
    std::size_t n = 0;
    for (ItemController *item : m_items)
        n += item->liveConnections();
    return n;
}

QueueController *WorkspaceController::queue(const QString &name) const
{
    for (ItemController *item : m_items)
        if (auto *q = qobject_cast<QueueController *>(item); q && q->name() == name)
            return q;
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
        if (auto *s = qobject_cast<ServiceController *>(item))
            used.insert(s->port());
    for (std::uint32_t port = from; port <= 65535; ++port)
        if (!used.count(std::uint16_t(port)) &&
            portIsFree(transport, QStringLiteral("127.0.0.1"), std::uint16_t(port)))
            return std::uint16_t(port);
    return 0;
}

} // namespace workbench
