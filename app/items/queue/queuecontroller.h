// SPDX-License-Identifier: MIT
// Owns one workspace Queue: a diesel::Queue<std::string> that Services push lines into, its
// producer Loops (each puts a message at its rate, waiting while a bounded Queue is full) and its
// consumer Loops (each takes an item, drops it or sends it through a linked Pool, then works a
// while). The link to the Pool is by id; a Pool that is missing or stopped puts the Queue in the
// Error state while its consumers carry on and retry.
#pragma once

#include "behaviours.h"
#include "itemcontroller.h"
#include "poolhandle.h"
#include "queuespec.h"

#include <diesel/core/types.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace workbench {

class PoolController;

/// What the Loops of a Queue count and share with its controller.
struct QueueTally
{
    std::uint64_t produced = 0; ///< items its producers put
    std::uint64_t consumed = 0; ///< items its consumers finished (dropped or answered)
    std::uint64_t failed = 0;   ///< sends through the Pool that failed (each is retried)
    std::uint64_t replies = 0;  ///< replies that came back through the Pool
    QString lastReply;
    QString lastError;
    /// The linked Pool while it runs (kept current by the controller).
    std::optional<PoolHandle> pool;
    /// Why there is no Pool to send through ("" : there is one, or none is needed).
    QString poolProblem;
};

class QueueController : public ItemController
{
    Q_OBJECT

public:
    /// Finds a Pool item by id (nullptr: none).
    using PoolLookup = std::function<PoolController *(const QString &id)>;

    explicit QueueController(QueueSpec spec, PoolLookup lookup = {}, QObject *parent = nullptr);
    ~QueueController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return true; }
    /// Starts the producer and consumer Loops (the Queue itself always exists).
    bool start() override;
    void stop() override;
    QJsonObject settings() const override { return queueJson(m_spec); }
    /// depth and blocked producers (levels); produced, consumed and failed (totals).
    std::vector<ItemMeasure> measures() const override;

    const QueueSpec &spec() const noexcept { return m_spec; }
    QString linkedItem() const override
    {
        return m_spec.action == ConsumerAction::SendPool ? m_spec.pool : QString();
    }
    /// New settings. A new capacity takes a new Queue: the items queued so far are moved over.
    void setSpec(const QueueSpec &spec);
    /// The Queue Services push into. Shared: a Service's Loops keep it while they use it.
    std::shared_ptr<StringQueue> queue() const { return m_queue; }
    std::size_t size() const { return m_queue->size(); }
    bool full() const { return m_queue->full(); }
    /// Loops waiting in put() for room: its producers and any Service pushing into it.
    std::size_t blockedProducers() const { return m_queue->waiting_putters(); }
    const QueueTally &tally() const noexcept { return *m_tally; }
    /// Items the consumers finished.
    std::uint64_t consumed() const noexcept { return m_tally->consumed; }
    /// Takes the oldest item without waiting (for the panel's "Take one").
    std::optional<std::string> takeOne();
    /// Drops every queued item.
    void clear();

    /// Looks the linked Pool up again (it was added, started, stopped or changed).
    void relink();
    /// The linked Pool is being removed from the workspace.
    void poolRemoved(const QString &poolName);

private:
    void setPoolProblem(const QString &problem);
    void spawn(int count, const QString &role, const std::function<void(int)> &body);

    QueueSpec m_spec;
    PoolLookup m_lookup;
    std::shared_ptr<StringQueue> m_queue;
    std::shared_ptr<QueueTally> m_tally;
    std::vector<diesel::LoopId> m_loops;
    bool m_running = false;
};

} // namespace workbench
