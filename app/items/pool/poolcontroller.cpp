// SPDX-License-Identifier: MIT
#include "behaviours.h"
#include "poolcontroller.h"
#include "poolruntime.h"

#include <diesel/core/client.h>
#include <diesel/core/connection.h>
#include <diesel/core/hub.h>
#include <diesel/core/pool.h>
#include <diesel/core/runtime.h>
#include <diesel/core/tls.h>

#include <algorithm>

namespace workbench {

namespace {

QString label(const PoolSpec &spec)
{
    return QStringLiteral("pool %1").arg(spec.name);
}

std::unique_ptr<diesel::Client> connectClient(PoolRuntime &rt)
{
    diesel::ClientOptions options;
    options.timeout = diesel::Seconds(10);
    options.label = label(rt.spec).toStdString();
    if (rt.spec.tls)
        options.tls = diesel::TlsContext::client(rt.spec.verifyPeer);
    auto client =
        std::make_unique<diesel::Client>(rt.spec.host.toStdString(), rt.spec.port, options);
    rt.sockets.push_back(client->shared_connection());
    return client;
}

// One actor: a line through the pool, its reply counted, a sleep, again.
void runActor(std::shared_ptr<PoolRuntime> rt, std::size_t index)
{
    const PoolSpec spec = rt->spec;
    const PoolHandle pool(rt);
    for (std::uint64_t n = 1;; ++n) {
        PoolActor &me = rt->actors[index];
        double pause = spec.interval;
        try {
            ++me.sent;
            std::string reply = pool.request(actorMessage(spec, int(index) + 1, n).toStdString());
            ++me.replies;
            me.lastReply = QString::fromStdString(reply);
        } catch (const diesel::Error &e) {
            // No reply in time, a full pool, a refused or closed connection: counted and shown,
            // and the actor carries on (not faster than twice a second, so a dead target is not
            // hammered).
            ++me.errors;
            me.lastError = QString::fromUtf8(e.what());
            pause = std::max(pause, 0.5);
        }
        diesel::sleep(pause);
    }
}

} // namespace

PoolController::PoolController(PoolSpec spec, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
{
    m_sampler.setInterval(100);
    connect(&m_sampler, &QTimer::timeout, this, &PoolController::sample);
}

PoolController::~PoolController()
{
    stop();
}

QString PoolController::trafficOwner() const
{
    return label(m_spec);
}

QString PoolController::summary() const
{
    QString text = QStringLiteral("%1 \u2192 %2:%3 \u00b7 %4 actors")
                       .arg(m_spec.name, m_spec.host)
                       .arg(m_spec.port)
                       .arg(m_spec.actors);
    if (m_runtime)
        text +=
            QStringLiteral(" \u00b7 %1 idle, %2 in use").arg(m_counters.idle).arg(m_counters.inUse);
    return text;
}

bool PoolController::start()
{
    if (m_runtime)
        return true;
    m_runtime = std::make_shared<PoolRuntime>(m_spec);
    PoolRuntime *rt = m_runtime.get();
    rt->pool = std::make_unique<diesel::ConnectionPool<diesel::Client>>(
        [rt] { return connectClient(*rt); }, [](diesel::Client &c) { c.close(); },
        std::size_t(m_spec.poolSize), std::size_t(m_spec.poolMax),
        std::optional<diesel::Seconds>(diesel::Seconds(m_spec.maxWait)),
        label(m_spec).toStdString());
    for (std::size_t i = 0; i < std::size_t(m_spec.actors); ++i) {
        diesel::LoopOptions options;
        options.label = QStringLiteral("%1 actor %2").arg(label(m_spec)).arg(i + 1).toStdString();
        m_loops.push_back(
            diesel::Hub::current().spawn([rt = m_runtime, i] { runActor(rt, i); }, options));
    }
    m_lastProblem.clear();
    m_loggedError.clear();
    m_actors.clear();
    setState(ItemState::Running);
    Q_EMIT logLine(QStringLiteral("%1 started: %2 actors \u2192 %3:%4")
                       .arg(label(m_spec))
                       .arg(m_spec.actors)
                       .arg(m_spec.host)
                       .arg(m_spec.port));
    m_sampler.start();
    sample();
    return true;
}

void PoolController::stop()
{
    if (!m_runtime)
        return;
    m_sampler.stop();
    if (diesel::Hub *hub = diesel::Hub::current_if_any())
        for (diesel::LoopId loop : m_loops)
            hub->cancel(loop, "the pool was stopped in the workbench");
    m_loops.clear();
    // The actors (and other items' Loops) hold the runtime until they unwind; then the pool
    // closes its connections. Meanwhile nobody borrows any more.
    m_runtime->stopped = true;
    m_runtime.reset();
    m_counters = {};
    m_sockets.clear();
    setState(ItemState::Stopped);
    Q_EMIT logLine(QStringLiteral("%1 stopped").arg(label(m_spec)));
    Q_EMIT changed();
}

void PoolController::setSpec(const PoolSpec &spec)
{
    if (spec == m_spec)
        return;
    takeSettings({.restart = m_runtime != nullptr}, [&] { m_spec = spec; });
}

std::vector<ItemMeasure> PoolController::measures() const
{
    using Kind = ItemMeasure::Kind;
    std::uint64_t replies = 0;
    std::uint64_t errors = 0;
    for (const PoolActor &a : m_actors) {
        replies += a.replies;
        errors += a.errors;
    }
    const PoolCounters &c = m_counters;
    return {{QStringLiteral("idle"), double(c.idle), Kind::Level},
            {QStringLiteral("in use"), double(c.inUse), Kind::Level},
            {QStringLiteral("waiting"), double(c.waiting), Kind::Level},
            {QStringLiteral("created"), double(c.created), Kind::Total},
            {QStringLiteral("discarded"), double(c.discarded), Kind::Total},
            {QStringLiteral("closed"), double(c.closed), Kind::Total},
            {QStringLiteral("replies"), double(replies), Kind::Total},
            {QStringLiteral("errors"), double(errors), Kind::Total}};
}

std::optional<PoolHandle> PoolController::handle() const
{
    if (!m_runtime)
        return std::nullopt;
    return PoolHandle(m_runtime);
}

void PoolController::sample()
{
    if (!m_runtime)
        return;
    PoolRuntime &rt = *m_runtime;
    const diesel::PoolStats s = rt.pool->stats();
    const PoolCounters counters{s.idle, s.in_use, s.waiting, s.created, s.discarded, s.closed};
    std::vector<PoolSocket> sockets;
    std::erase_if(rt.sockets, [&sockets](const std::weak_ptr<diesel::Connection> &weak) {
        const std::shared_ptr<diesel::Connection> conn = weak.lock();
        if (!conn || !conn->is_open())
            return true;
        sockets.push_back({QString::fromStdString(conn->local().to_string()),
                           QString::fromStdString(conn->peer().to_string())});
        return false;
    });
    QString problem = m_lastProblem;
    QString newError;
    for (std::size_t i = 0; i < rt.actors.size(); ++i) {
        const PoolActor &now = rt.actors[i];
        if (i >= m_actors.size() ? now.errors > 0 : now.errors > m_actors[i].errors) {
            problem = QStringLiteral("actor %1: %2").arg(i + 1).arg(now.lastError);
            newError = now.lastError;
        }
    }
    if (counters == m_counters && sockets == m_sockets && rt.actors == m_actors)
        return;
    // Logged once per kind of error, not once per actor and sample.
    if (!newError.isEmpty() && newError != m_loggedError)
        Q_EMIT logLine(QStringLiteral("%1: %2").arg(label(m_spec), problem));
    if (!newError.isEmpty())
        m_loggedError = newError;
    m_counters = counters;
    m_sockets = std::move(sockets);
    m_actors = rt.actors;
    m_lastProblem = problem;
    Q_EMIT changed();
}

} // namespace workbench
