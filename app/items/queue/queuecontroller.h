// SPDX-License-Identifier: MIT
// Owns one workspace Queue (a diesel::Queue<std::string> that Services push lines into) and its
// optional consumer Loops.
#pragma once

#include "behaviours.h"
#include "itemcontroller.h"
#include "queuespec.h"

#include <diesel/core/types.h>

#include <memory>
#include <optional>
#include <vector>

namespace workbench {

class QueueController : public ItemController
{
    Q_OBJECT

public:
    explicit QueueController(QueueSpec spec, QObject *parent = nullptr);
    ~QueueController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return true; }
    /// Starts the consumer Loops (the Queue itself always exists).
    bool start() override;
    void stop() override;
    QJsonObject settings() const override { return queueJson(m_spec); }

    const QueueSpec &spec() const noexcept { return m_spec; }
    /// New settings. A new capacity takes a new Queue: the items queued so far are moved over.
    void setSpec(const QueueSpec &spec);
    /// The Queue Services push into. Shared: a Service's Loops keep it while they use it.
    std::shared_ptr<StringQueue> queue() const { return m_queue; }
    std::size_t size() const { return m_queue->size(); }
    /// Items the consumers took.
    std::uint64_t consumed() const noexcept { return *m_consumed; }
    /// Takes the oldest item without waiting (for the panel's "Take one").
    std::optional<std::string> takeOne();
    /// Drops every queued item.
    void clear();

private:
    QueueSpec m_spec;
    std::shared_ptr<StringQueue> m_queue;
    std::shared_ptr<std::uint64_t> m_consumed;
    std::vector<diesel::LoopId> m_consumers;
};

} // namespace workbench
