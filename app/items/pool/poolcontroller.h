// SPDX-License-Identifier: MIT
// Owns one workspace Pool: a diesel::ConnectionPool<diesel::Client> to its target and the actor
// Loops that borrow from it (each sends a line, waits for the reply, sleeps, again). It samples
// the pool's counters, the actors' tallies and the pool's sockets ten times a second while it
// runs, and says changed() when they moved; its editor and console only show what it sampled.
#pragma once

#include "itemcontroller.h"
#include "poolhandle.h"
#include "poolspec.h"

#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace workbench {

struct PoolRuntime;

/// The pool's counters (diesel::PoolStats), as last sampled.
struct PoolCounters
{
    std::size_t idle = 0;
    std::size_t inUse = 0;
    std::size_t waiting = 0;
    std::uint64_t created = 0;
    std::uint64_t discarded = 0;
    std::uint64_t closed = 0;

    friend bool operator==(const PoolCounters &, const PoolCounters &) = default;
};

/// One actor's tally.
struct PoolActor
{
    std::uint64_t sent = 0;
    std::uint64_t replies = 0;
    std::uint64_t errors = 0;
    QString lastReply;
    QString lastError;

    friend bool operator==(const PoolActor &, const PoolActor &) = default;
};

/// One of the pool's open sockets, as netstat shows it.
struct PoolSocket
{
    QString local;
    QString peer;

    friend bool operator==(const PoolSocket &, const PoolSocket &) = default;
};

class PoolController : public ItemController
{
    Q_OBJECT

public:
    explicit PoolController(PoolSpec spec, QObject *parent = nullptr);
    ~PoolController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return m_spec.autostart; }
    /// Makes the pool and starts the actors (connections are made as they borrow).
    bool start() override;
    /// Cancels the actors and drops the pool: its sockets close.
    void stop() override;
    std::size_t liveConnections() const override { return m_sockets.size(); }
    QJsonObject settings() const override { return poolJson(m_spec); }
    QString trafficOwner() const override;
    /// Idle, in use and waiting (levels); connections created, discarded and closed, and the
    /// actors' replies and errors (totals), as last sampled.
    std::vector<ItemMeasure> measures() const override;

    const PoolSpec &spec() const noexcept { return m_spec; }
    /// New settings; a running Pool restarts with them.
    void setSpec(const PoolSpec &spec);

    const PoolCounters &counters() const noexcept { return m_counters; }
    const std::vector<PoolActor> &actors() const noexcept { return m_actors; }
    const std::vector<PoolSocket> &sockets() const noexcept { return m_sockets; }
    /// The newest error an actor met ("" : none), shown next to the item.
    QString lastProblem() const { return m_lastProblem; }
    /// What other items' Loops use to send lines through this Pool; nothing while it is stopped.
    std::optional<PoolHandle> handle() const;
    /// Takes a sample now (the timer does it ten times a second).
    void sample();

private:
    PoolSpec m_spec;
    std::shared_ptr<PoolRuntime> m_runtime;
    std::vector<diesel::LoopId> m_loops;
    QTimer m_sampler;
    PoolCounters m_counters;
    std::vector<PoolActor> m_actors;
    std::vector<PoolSocket> m_sockets;
    QString m_lastProblem;
    QString m_loggedError;
};

} // namespace workbench
