// SPDX-License-Identifier: MIT
#include "queuecontroller.h"

#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>

namespace workbench {

namespace {
std::shared_ptr<StringQueue> makeQueue(const QueueSpec &spec)
{
    return std::make_shared<StringQueue>(spec.name.toStdString(),
                                         std::size_t(std::max(0, spec.capacity)));
}
} // namespace

QueueController::QueueController(QueueSpec spec, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
    , m_queue(makeQueue(m_spec))
    , m_consumed(std::make_shared<std::uint64_t>(0))
{}

QueueController::~QueueController()
{
    stop();
}

QString QueueController::summary() const
{
    QString text = QStringLiteral("%1 \u00b7 %2 items").arg(m_spec.name).arg(m_queue->size());
    if (m_spec.capacity > 0)
        text += QStringLiteral(" of %1").arg(m_spec.capacity);
    if (!m_consumers.empty())
        text += QStringLiteral(" \u00b7 %1 consumers").arg(m_consumers.size());
    return text;
}

bool QueueController::start()
{
    if (state() == ItemState::Running)
        return true;
    diesel::Hub &hub = diesel::Hub::current();
    for (int i = 0; i < m_spec.consumers; ++i) {
        diesel::LoopOptions options;
        options.label = QStringLiteral("consumer %1 #%2").arg(m_spec.name).arg(i + 1).toStdString();
        m_consumers.push_back(hub.spawn(
            [queue = m_queue, consumed = m_consumed, delay = m_spec.consumeDelay] {
                for (;;) {
                    queue->get();
                    ++*consumed;
                    if (delay > 0)
                        diesel::sleep(delay);
                }
            },
            options));
    }
    setState(ItemState::Running);
    if (m_spec.consumers > 0)
        Q_EMIT logLine(QStringLiteral("queue %1: %2 consumers started")
                           .arg(m_spec.name)
                           .arg(m_spec.consumers));
    return true;
}

void QueueController::stop()
{
    if (diesel::Hub *hub = diesel::Hub::current_if_any())
        for (diesel::LoopId id : m_consumers)
            hub->cancel(id, "the queue's consumers stopped");
    m_consumers.clear();
    setState(ItemState::Stopped);
}

void QueueController::setSpec(const QueueSpec &spec)
{
    if (spec == m_spec)
        return;
    const bool restart = state() == ItemState::Running;
    stop();
    if (spec.capacity != m_spec.capacity || spec.name != m_spec.name) {
        // A Queue's capacity and name are fixed: make a new one and carry the items over. Loops
        // still waiting on the old one keep it alive through their shared pointers.
        auto fresh = makeQueue(spec);
        while (auto item = m_queue->try_get())
            fresh->try_put(std::move(*item));
        m_queue = std::move(fresh);
    }
    m_spec = spec;
    Q_EMIT changed();
    if (restart)
        start();
}

std::optional<std::string> QueueController::takeOne()
{
    auto item = m_queue->try_get();
    Q_EMIT changed();
    return item;
}

void QueueController::clear()
{
    while (m_queue->try_get()) {
    }
    Q_EMIT changed();
}

} // namespace workbench
