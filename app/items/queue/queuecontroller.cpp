// SPDX-License-Identifier: MIT
#include "poolcontroller.h"
#include "queuecontroller.h"

#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>

#include <algorithm>

namespace workbench {

namespace {

// How long a consumer waits before it sends an item again after a failed send: a missing Pool
// or a dead target is not hammered.
constexpr double kRetryPause = 0.5;

std::shared_ptr<StringQueue> makeQueue(const QueueSpec &spec)
{
    return std::make_shared<StringQueue>(spec.name.toStdString(),
                                         std::size_t(std::max(0, spec.capacity)));
}

void runProducer(const std::shared_ptr<StringQueue> &queue,
                 const std::shared_ptr<QueueTally> &tally, const QueueSpec &spec, int producer)
{
    const double pause = 1.0 / spec.producerRate;
    for (std::uint64_t n = 1;; ++n) {
        queue->put(producerMessage(spec, producer, n).toStdString()); // waits while it is full
        ++tally->produced;
        diesel::sleep(pause);
    }
}

// Sends `item` through the linked Pool until a reply comes back. The Pool is read again on each
// try: the controller relinks it when it is removed, stopped or started.
void sendThroughPool(const std::string &item, QueueTally &tally)
{
    for (;;) {
        QString error = tally.poolProblem;
        if (const std::optional<PoolHandle> pool = tally.pool) {
            try {
                const std::string reply = pool->request(item);
                ++tally.replies;
                tally.lastReply = QString::fromStdString(reply);
                return;
            } catch (const diesel::Error &e) {
                error = QString::fromUtf8(e.what());
            }
        }
        ++tally.failed;
        tally.lastError = error;
        diesel::sleep(kRetryPause);
    }
}

void runConsumer(const std::shared_ptr<StringQueue> &queue,
                 const std::shared_ptr<QueueTally> &tally, const QueueSpec &spec)
{
    for (;;) {
        const std::string item = queue->get();
        // A consumer stopped while it retries loses the item it holds, as a crashed worker would.
        if (spec.action == ConsumerAction::SendPool)
            sendThroughPool(item, *tally);
        ++tally->consumed;
        if (spec.consumeDelay > 0)
            diesel::sleep(spec.consumeDelay);
    }
}

} // namespace

QueueController::QueueController(QueueSpec spec, PoolLookup lookup, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
    , m_lookup(std::move(lookup))
    , m_queue(makeQueue(m_spec))
    , m_tally(std::make_shared<QueueTally>())
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
    if (full())
        text += QStringLiteral(" \u00b7 full");
    if (const std::size_t blocked = blockedProducers())
        text += QStringLiteral(" \u00b7 %1 blocked").arg(blocked);
    if (m_running && m_spec.producers > 0)
        text += QStringLiteral(" \u00b7 %1 produced").arg(m_tally->produced);
    if (m_running && m_spec.consumers > 0)
        text += QStringLiteral(" \u00b7 %1 consumed").arg(m_tally->consumed);
    if (m_tally->failed > 0)
        text += QStringLiteral(" \u00b7 %1 failed").arg(m_tally->failed);
    if (state() == ItemState::Error)
        text += QStringLiteral(" \u00b7 ") + errorText();
    return text;
}

std::vector<ItemMeasure> QueueController::measures() const
{
    using Kind = ItemMeasure::Kind;
    return {{QStringLiteral("depth"), double(m_queue->size()), Kind::Level},
            {QStringLiteral("produced"), double(m_tally->produced), Kind::Total},
            {QStringLiteral("consumed"), double(m_tally->consumed), Kind::Total},
            {QStringLiteral("blocked producers"), double(blockedProducers()), Kind::Level},
            {QStringLiteral("failed"), double(m_tally->failed), Kind::Total}};
}

void QueueController::spawn(int count, const QString &role, const std::function<void(int)> &body)
{
    diesel::Hub &hub = diesel::Hub::current();
    for (int i = 1; i <= count; ++i) {
        diesel::LoopOptions options;
        options.label = QStringLiteral("%1 %2 %3").arg(m_spec.name, role).arg(i).toStdString();
        m_loops.push_back(hub.spawn([body, i] { body(i); }, options));
    }
}

bool QueueController::start()
{
    if (m_running) {
        relink();
        return true;
    }
    m_running = true;
    setState(ItemState::Running);
    relink();
    spawn(m_spec.producers, QStringLiteral("producer"),
          [queue = m_queue, tally = m_tally, spec = m_spec](int i) {
              runProducer(queue, tally, spec, i);
          });
    spawn(m_spec.consumers, QStringLiteral("consumer"),
          [queue = m_queue, tally = m_tally, spec = m_spec](int) {
              runConsumer(queue, tally, spec);
          });
    if (m_spec.producers > 0 || m_spec.consumers > 0)
        Q_EMIT logLine(QStringLiteral("queue %1: %2 producers and %3 consumers started")
                           .arg(m_spec.name)
                           .arg(m_spec.producers)
                           .arg(m_spec.consumers));
    return true;
}

void QueueController::stop()
{
    if (diesel::Hub *hub = diesel::Hub::current_if_any())
        for (diesel::LoopId id : m_loops)
            hub->cancel(id, "the queue's producers and consumers stopped");
    m_loops.clear();
    m_running = false;
    m_tally->pool.reset();
    setState(ItemState::Stopped);
}

void QueueController::setSpec(const QueueSpec &spec)
{
    if (spec == m_spec)
        return;
    takeSettings({.restart = m_running}, [&] {
        if (spec.capacity != m_spec.capacity || spec.name != m_spec.name) {
            // A Queue's capacity and name are fixed: make a new one and carry the items over.
            // Loops still waiting on the old one keep it alive through their shared pointers.
            auto fresh = makeQueue(spec);
            while (auto item = m_queue->try_get())
                fresh->try_put(std::move(*item));
            m_queue = std::move(fresh);
        }
        m_spec = spec;
    });
}

void QueueController::relink()
{
    if (!m_running)
        return;
    if (m_spec.action != ConsumerAction::SendPool) {
        m_tally->pool.reset();
        setPoolProblem({});
        return;
    }
    PoolController *pool = m_lookup ? m_lookup(m_spec.pool) : nullptr;
    m_tally->pool = pool ? pool->handle() : std::nullopt;
    if (!pool)
        setPoolProblem(QStringLiteral("no Pool with the id \"%1\"").arg(m_spec.pool));
    else if (!m_tally->pool)
        setPoolProblem(QStringLiteral("its Pool \"%1\" is stopped").arg(pool->name()));
    else
        setPoolProblem({});
}

void QueueController::poolRemoved(const QString &poolName)
{
    if (!m_running || m_spec.action != ConsumerAction::SendPool)
        return;
    m_tally->pool.reset();
    setPoolProblem(QStringLiteral("its Pool \"%1\" (id \"%2\") was removed from the workspace")
                       .arg(poolName, m_spec.pool));
}

void QueueController::setPoolProblem(const QString &problem)
{
    if (problem != m_tally->poolProblem && !problem.isEmpty())
        Q_EMIT logLine(QStringLiteral("queue %1: %2").arg(m_spec.name, problem));
    m_tally->poolProblem = problem;
    setState(problem.isEmpty() ? ItemState::Running : ItemState::Error, problem);
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
