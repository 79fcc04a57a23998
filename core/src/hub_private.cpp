// SPDX-License-Identifier: MIT
// HubPrivate: the registry of live Loops, their starts and ends, fire/wait, resources.
#include "connection_p.h"
#include "fiber_switch.h"
#include "hub_p.h"
#include "logging.h"
#include "watcher.h"

#include <diesel/core/error.h>
#include <diesel/core/runtime.h>

#include <QCoreApplication>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>

namespace diesel::detail {

Q_LOGGING_CATEGORY(lcCore, "diesel.core", QtInfoMsg)

struct KeepAlive
{
    UniqueFunction fn;
    LoopOptions options;
};

namespace {
constexpr std::size_t kBlocksKept = 256;
} // namespace

std::unique_ptr<char[]> BlockPool::take()
{
    if (m_free.empty())
        return std::make_unique_for_overwrite<char[]>(kBlockSize);
    std::unique_ptr<char[]> block = std::move(m_free.back());
    m_free.pop_back();
    return block;
}

void BlockPool::give(std::unique_ptr<char[]> block) noexcept
{
    if (m_free.size() < kBlocksKept) {
        try {
            m_free.push_back(std::move(block));
        } catch (const std::bad_alloc &) {
            // The block is freed instead.
        }
    }
}

HubPrivate::HubPrivate(Hub &hub, Backend kind)
    : q(hub)
    , backend_kind(kind)
    , default_stack_size(kDefaultStackSize)
    , m_now(Clock::now())
    , m_qtimer(new QTimer(&context))
{
    m_qtimer->setSingleShot(true);
    m_qtimer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_qtimer, &QTimer::timeout, &context, [this] {
        m_qtimer_deadline = Clock::time_point::max();
        pump();
    });
    if (kind == Backend::Auto && qEnvironmentVariable("DIESEL_BACKEND") == u"notifiers")
        backend_kind = Backend::Notifiers;
#if DIESEL_HAVE_EPOLL
    if (backend_kind == Backend::Auto)
        backend_kind = Backend::Epoll;
#else
    if (backend_kind == Backend::Auto || backend_kind == Backend::Epoll)
        backend_kind = Backend::Notifiers;
#endif
    backend =
        backend_kind == Backend::Epoll ? make_epoll_backend(*this) : make_notifier_backend(*this);
}

void HubPrivate::shutdown()
{
    shutting_down = true;
    if (live_loops)
        cancel_all("the Hub is being destroyed", 1000);
    if (live_loops) {
        qCCritical(lcCore, "%zu Loops did not end when cancelled; their stacks are leaked",
                   live_loops);
        // They must not be destroyed: their stacks may hold frames of C code.
        for (auto &slot : slots)
            (void)slot.release();
    }
    while (HubResource *r = resources.pop_front())
        r->detach_from_hub();
    workers.reset();
}

HubPrivate::~HubPrivate() = default;

LoopId HubPrivate::spawn(UniqueFunction fn, const LoopOptions &options, Loop *parent)
{
    if (options.keep_alive) {
        // A keep-alive Loop started by another Loop lives only as long as that parent: it is
        // its child, so a restart pending at the parent's end is cancelled too.
        LoopOptions kept = options;
        kept.child = kept.child || parent != nullptr;
        return spawn_keep_alive(std::make_shared<KeepAlive>(KeepAlive{std::move(fn), kept}), parent,
                                false);
    }
    return create(std::move(fn), options, parent, nullptr).id();
}

Loop &HubPrivate::spawn_loop(UniqueFunction fn, const LoopOptions &options, Loop *parent)
{
    return create(std::move(fn), options, parent, nullptr);
}

LoopId HubPrivate::spawn_keep_alive(std::shared_ptr<KeepAlive> keep_alive, Loop *parent,
                                    bool after_failure)
{
    // A Loop that keeps failing is restarted after a pause instead of spinning.
    UniqueFunction fn = [keep_alive, after_failure] {
        if (after_failure)
            diesel::sleep(0.5);
        keep_alive->fn();
    };
    const LoopOptions &options = keep_alive->options;
    return create(std::move(fn), options, parent, std::move(keep_alive)).id();
}

Loop &HubPrivate::create(UniqueFunction fn, const LoopOptions &options, Loop *parent,
                         std::shared_ptr<KeepAlive> keep_alive)
{
    if (shutting_down)
        throw Error("cannot start a Loop: the Hub is shutting down");
    const LoopId id = next_loop_id++;
    std::size_t slot;
    if (free_slots.empty()) {
        slot = slots.size();
        slots.emplace_back();
    } else {
        slot = free_slots.back();
        free_slots.pop_back();
    }
    try {
        slots[slot] = std::make_unique<Loop>(LoopKey{}, q, id, parent ? parent->id() : 0,
                                             std::move(fn), options);
    } catch (...) {
        free_slots.push_back(slot);
        throw;
    }
    Loop &loop = *slots[slot];
    loop.m_slot = slot;
    loop.m_keep_alive = std::move(keep_alive);
    if (options.child && parent) {
        loop.m_child_of = parent;
        parent->m_children.push_back(loop);
    }
    ++live_loops;
    if (observing(Observer::Lifecycle))
        notify(Observer::Lifecycle, [&loop](Observer &o) { o.loop_started(loop); });
    make_ready(loop);
    return loop;
}

void HubPrivate::make_ready(Loop &loop) noexcept
{
    loop.m_state = LoopState::Ready;
    loop.m_since = m_now;
    loop.m_ready_next = nullptr;
    if (m_ready_tail)
        m_ready_tail->m_ready_next = &loop;
    else
        m_ready_head = &loop;
    m_ready_tail = &loop;
    if (!m_pumping)
        request_pump();
    if (observing(Observer::States))
        notify(Observer::States, [&loop](Observer &o) { o.loop_state_changed(loop); });
}

void HubPrivate::resume(Loop &loop)
{
    loop.m_state = LoopState::Running;
    ++loop.m_switches;
    ++switches;
    t_current_loop = &loop;
    if (observing(Observer::States))
        notify(Observer::States, [&loop](Observer &o) { o.loop_state_changed(loop); });
    const bool slices = observing(Observer::Slices);
    const Clock::time_point begin = slices ? Clock::now() : Clock::time_point{};
    void *fake_stack = nullptr;
    start_switch(&fake_stack, loop.m_stack_bottom, loop.m_stack_bytes);
    loop.m_fiber = std::move(loop.m_fiber).resume();
    finish_switch(fake_stack, nullptr, nullptr);
    t_current_loop = nullptr;
    if (slices) {
        const Slice slice{loop.m_id, begin, Clock::now(), loop.m_wake_cause};
        notify(Observer::Slices, [&slice](Observer &o) { o.slice(slice); });
    }
    if (loop.m_state == LoopState::Dead)
        finalize(loop);
}

void HubPrivate::finalize(Loop &loop)
{
    loop.m_children.for_each([](Loop &child) {
        child.m_child_of = nullptr;
        static_cast<ListHook<ChildTag> &>(child).unlink();
        child.interrupt(std::make_exception_ptr(ParentDied()));
    });
    loop.m_conn = nullptr;
    loop.m_own_conn.reset();

    if (!loop.m_error.empty()) {
        const QByteArray label = QByteArray::fromStdString(loop.m_label);
        const QByteArray error = QByteArray::fromStdString(loop.m_error);
        if (loop.m_error_expected)
            qCDebug(lcCore, "Loop '%s' (#%llu) ended: %s", label.constData(),
                    static_cast<unsigned long long>(loop.m_id), error.constData());
        else
            qCWarning(lcCore, "Loop '%s' (#%llu) ended by an exception: %s", label.constData(),
                      static_cast<unsigned long long>(loop.m_id), error.constData());
    }
    if (observing(Observer::Lifecycle))
        notify(Observer::Lifecycle, [&loop](Observer &o) { o.loop_ended(loop, loop.m_error); });

    std::shared_ptr<KeepAlive> keep_alive = std::move(loop.m_keep_alive);
    const bool failed = !loop.m_error.empty() && !loop.m_cancelling;
    Loop *parent = loop.m_parent_id ? find(loop.m_parent_id) : nullptr;
    const bool restart = keep_alive && !shutting_down && !loop.m_cancelling &&
                         (loop.m_parent_id == 0 || parent != nullptr);

    --live_loops;
    free_slots.push_back(loop.m_slot);
    slots[loop.m_slot].reset();

    if (restart)
        spawn_keep_alive(std::move(keep_alive), parent, failed);
}

Loop *HubPrivate::find(LoopId id) const noexcept
{
    for (const auto &slot : slots)
        if (slot && slot->m_id == id)
            return slot.get();
    return nullptr;
}

void HubPrivate::refresh_now() noexcept
{
    m_now = Clock::now();
}

void HubPrivate::add_fire_waiter(std::string_view event, cond::wait::Registration &node)
{
    auto it = m_fire_waiters.find(event);
    if (it == m_fire_waiters.end()) {
        // Waits that end without a fire leave empty lists behind; sweep them now and then so
        // that waiting on ever new names leaks nothing.
        if (m_fire_waiters.size() >= m_fire_sweep_at) {
            std::erase_if(m_fire_waiters, [](const auto &entry) { return entry.second.empty(); });
            m_fire_sweep_at = 2 * m_fire_waiters.size() + 64;
        }
        it = m_fire_waiters.try_emplace(std::string(event)).first;
    }
    it->second.push_back(node);
}

void HubPrivate::fire(std::string_view event, const std::string &value)
{
    auto it = m_fire_waiters.find(event);
    if (it == m_fire_waiters.end())
        return;
    // Every node is taken off the list: a woken Loop waits anew (with a new node) if it wants
    // the next fire, and stale nodes of Loops that stopped waiting go too.
    auto &list = it->second;
    while (cond::wait::Registration *node = list.pop_front())
        if (node->notify())
            node->value = value;
    m_fire_waiters.erase(it);
}

void HubPrivate::recompute_interests() noexcept
{
    m_interests = 0;
    for (Observer *o : m_observers)
        m_interests |= o->interests();
}

void HubPrivate::add_resource(HubResource &resource) noexcept
{
    resources.push_back(resource);
}

void HubPrivate::linger(std::unique_ptr<ConnectionCore> core)
{
    m_lingering.push_back(std::move(core));
}

void HubPrivate::lingering_done() noexcept
{
    // Called from inside the core's own callback: it is freed later, from the event loop.
    if (m_reap_posted)
        return;
    m_reap_posted = true;
    QMetaObject::invokeMethod(
        &context,
        [this] {
            m_reap_posted = false;
            std::erase_if(m_lingering, [](const auto &core) { return core->fd < 0; });
        },
        Qt::QueuedConnection);
}

char *HubPrivate::datagram_buffer()
{
    if (!m_datagram_buffer)
        m_datagram_buffer = std::make_unique_for_overwrite<char[]>(kMaxDatagram);
    return m_datagram_buffer.get();
}

} // namespace diesel::detail
