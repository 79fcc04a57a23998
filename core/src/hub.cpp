// SPDX-License-Identifier: MIT
// Hub: the public face of the reactor — one per thread, snapshots, observers, settings.
#include "connection_p.h"
#include "hub_p.h"

#include <diesel/core/error.h>
#include <diesel/core/hub.h>

#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <atomic>

namespace diesel {

namespace detail {
namespace {
thread_local Hub *t_hub = nullptr;
std::atomic<Hub *> g_primary{nullptr};
thread_local std::unique_ptr<Hub> t_owned_hub;

} // namespace
} // namespace detail

using detail::HubPrivate;

Hub::Hub(Backend backend)
{
    if (detail::t_hub)
        throw Error("this thread already has a Hub");
    if (!QCoreApplication::instance())
        throw Error("a Hub needs Qt's event loop: create a QCoreApplication (or QApplication) "
                    "first, or use quickstart()");
    d = std::make_unique<HubPrivate>(*this, backend);
    detail::t_hub = this;
    if (QThread::currentThread() == QCoreApplication::instance()->thread())
        detail::g_primary.store(this);
}

Hub::~Hub()
{
    Hub *self = this;
    detail::g_primary.compare_exchange_strong(self, nullptr);
    d->shutdown();
    d.reset();
    if (detail::t_hub == this)
        detail::t_hub = nullptr;
}

Hub &Hub::current()
{
    if (detail::t_hub)
        return *detail::t_hub;
    detail::t_owned_hub = std::make_unique<Hub>();
    QThread *thread = QThread::currentThread();
    if (QCoreApplication::instance()->thread() == thread) {
        // The main thread's Hub goes with the QCoreApplication, before Qt's dispatcher does.
        qAddPostRoutine([] { detail::t_owned_hub.reset(); });
    } else {
        QObject::connect(
            thread, &QThread::finished, thread, [] { detail::t_owned_hub.reset(); },
            Qt::DirectConnection);
    }
    return *detail::t_hub;
}

Hub *Hub::current_if_any() noexcept
{
    return detail::t_hub;
}

Hub *Hub::primary() noexcept
{
    return detail::g_primary.load();
}

LoopHandle Hub::spawn(detail::UniqueFunction fn, LoopOptions options)
{
    return d->spawn(std::move(fn), options, Loop::current());
}

void Hub::post(detail::UniqueFunction fn)
{
    auto shared = std::make_shared<detail::UniqueFunction>(std::move(fn));
    QMetaObject::invokeMethod(
        &d->context, [shared] { (*shared)(); }, Qt::QueuedConnection);
}

bool Hub::cancel(LoopId id, std::string why)
{
    Loop *loop = d->find(id);
    if (!loop)
        return false;
    loop->cancel(std::move(why));
    return true;
}

void Hub::cancel_all(std::string why, int rounds)
{
    d->cancel_all(why, rounds);
}

Loop *Hub::find(LoopId id) const noexcept
{
    return d->find(id);
}

std::vector<LoopInfo> Hub::snapshot() const
{
    std::vector<LoopInfo> infos;
    infos.reserve(d->live_loops);
    const Clock::time_point now = Clock::now();
    for (const auto &slot : d->slots) {
        if (!slot)
            continue;
        const Loop &loop = *slot;
        LoopInfo info;
        info.id = loop.id();
        info.parent = loop.parent_id();
        info.label = loop.label();
        info.state = loop.state();
        if (loop.state() == LoopState::Waiting) {
            const WaitInfo wait = loop.wait_info();
            info.wait_kind = wait.kind;
            info.waits_on = describe(wait, now);
        }
        info.since = loop.state_since();
        info.switches = loop.switches();
        info.bytes_in = loop.bytes_in();
        info.bytes_out = loop.bytes_out();
        info.child = loop.is_child();
        info.deaths = loop.deaths();
        info.keep_alive = loop.keep_alive();
        if (Connection *conn = loop.connection()) {
            info.connection = conn->id();
            // A Service's connection was accepted or bound by it; a Client's was connected.
            if (!conn->core().info.outgoing)
                info.service = conn->core().info.owner;
        }
        infos.push_back(std::move(info));
    }
    std::sort(infos.begin(), infos.end(),
              [](const LoopInfo &a, const LoopInfo &b) { return a.id < b.id; });
    return infos;
}

HubStats Hub::stats() const noexcept
{
    return HubStats{d->live_loops, d->connections, d->bytes_in, d->bytes_out, d->switches};
}

Backend Hub::backend() const noexcept
{
    return d->backend_kind;
}

void Hub::add_observer(Observer &observer)
{
    if (std::find(d->m_observers.begin(), d->m_observers.end(), &observer) == d->m_observers.end())
        d->m_observers.push_back(&observer);
    d->recompute_interests();
}

void Hub::remove_observer(Observer &observer)
{
    std::erase(d->m_observers, &observer);
    d->recompute_interests();
}

void Hub::set_default_stack_size(std::size_t bytes)
{
    d->default_stack_size = std::max<std::size_t>(bytes, 16 * 1024);
}

std::size_t Hub::default_stack_size() const noexcept
{
    return d->default_stack_size;
}

void Hub::set_default_max_line(std::size_t bytes)
{
    d->default_max_line = std::max<std::size_t>(bytes, 1);
}

std::size_t Hub::default_max_line() const noexcept
{
    return d->default_max_line;
}

void Hub::set_stop_handler(std::function<void()> handler)
{
    d->stop_handler = std::move(handler);
    d->stop_requested = false;
}

bool Hub::request_stop()
{
    if (!d->stop_handler)
        return false;
    d->stop_requested = true;
    d->stop_handler();
    return true;
}

} // namespace diesel
