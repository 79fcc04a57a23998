// SPDX-License-Identifier: MIT
#include "connection_p.h"
#include "fiber_switch.h"
#include "hub_p.h"
#include "logging.h"
#include "watcher.h"

#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace diesel {

namespace detail {

Q_LOGGING_CATEGORY(lcCore, "diesel.core", QtInfoMsg)

struct KeepAlive
{
    UniqueFunction fn;
    LoopOptions options;
};

namespace {
thread_local Hub *t_hub = nullptr;
thread_local std::unique_ptr<Hub> t_owned_hub;

// A pump returns to Qt after this long even while Loops stay ready, so that windows repaint.
constexpr auto kPumpBudget = std::chrono::milliseconds(8);
// Longest a run of ready Loops delays looking at sockets and timers.
constexpr auto kPollInterval = std::chrono::microseconds(200);
constexpr std::size_t kResumesPerClockRead = 8;
constexpr std::size_t kBlocksKept = 256;

std::string seconds_text(Clock::duration d)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s",
                  std::max(0.0, std::chrono::duration<double>(d).count()));
    return text;
}

std::string describe_wait(const WaitInfo &w, Clock::time_point now)
{
    std::string text(to_string(w.kind));
    switch (w.kind) {
    case WaitKind::Read:
    case WaitKind::Write:
        text += " fd " + std::to_string(w.fd);
        break;
    case WaitKind::Timer:
        text += " " + seconds_text(w.deadline - now);
        return text;
    case WaitKind::First:
        text += "(";
        for (std::uint8_t i = 0; i < w.branch_count; ++i) {
            if (i)
                text += ", ";
            text += describe_wait(w.branches[i], now);
        }
        text += ")";
        return text;
    default:
        if (!w.name.empty()) {
            text += " ";
            text += w.name;
        }
        break;
    }
    if (w.deadline != Clock::time_point{})
        text += " (timeout " + seconds_text(w.deadline - now) + ")";
    return text;
}
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
#ifdef __linux__
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

void HubPrivate::pump()
{
    if (m_pumping)
        return;
    if (t_current_loop) {
        // A Loop runs a nested Qt event loop (a modal dialog, processEvents()): resuming other
        // Loops from its stack would tangle the stacks. They wait until it returns; the pump
        // that resumed it polls again then.
        if (!m_said_nested) {
            m_said_nested = true;
            qCWarning(lcCore, "Loop '%s' runs a nested Qt event loop; other Loops wait for it",
                      t_current_loop->label().c_str());
        }
        return;
    }
    m_pumping = true;
    const Clock::time_point start = Clock::now();
    m_now = start;
    Clock::time_point last_poll = start;
    std::size_t resumed_since_clock = 0;
    for (bool poll = true;;) {
        if (poll) {
            backend->poll();
            expire_timers();
            last_poll = m_now;
        }
        if (!m_ready_head)
            break;
        resumed_since_clock += run_ready_round();
        if (stop_requested) // quickstop(): no further rounds in this pump
            break;
        // Reading the clock costs about a third of a yield: while Loops only yield to each
        // other, read it every few resumptions; always before polling (timers need it).
        const bool drained = !m_ready_head;
        if (drained || resumed_since_clock >= kResumesPerClockRead) {
            m_now = Clock::now();
            resumed_since_clock = 0;
        }
        if (m_now - start > kPumpBudget) {
            if (m_ready_head)
                request_pump_now();
            break;
        }
        // While Loops stay ready (yielding with sleep(0)), polling for I/O every round would
        // cost a system call per round: poll again only when the ready queue ran dry or a
        // little time has passed.
        poll = drained || m_now - last_poll >= kPollInterval;
    }
    m_pumping = false;
    rearm_qtimer();
}

void HubPrivate::request_pump() noexcept
{
    if (m_pumping || m_pump_posted)
        return;
    request_pump_now();
}

void HubPrivate::request_pump_now() noexcept
{
    if (m_pump_posted)
        return;
    m_pump_posted = true;
    QMetaObject::invokeMethod(
        &context,
        [this] {
            m_pump_posted = false;
            pump();
        },
        Qt::QueuedConnection);
}

std::size_t HubPrivate::run_ready_round()
{
    Loop *batch = m_ready_head;
    m_ready_head = m_ready_tail = nullptr;
    std::size_t resumed = 0;
    while (batch) {
        Loop *loop = batch;
        batch = loop->m_ready_next;
        loop->m_ready_next = nullptr;
        resume(*loop);
        ++resumed;
    }
    return resumed;
}

void HubPrivate::run_until_idle(int rounds)
{
    for (int i = 0; i < rounds && m_ready_head; ++i) {
        m_now = Clock::now();
        run_ready_round();
    }
}

void HubPrivate::cancel_all(const std::string &why, int rounds)
{
    for (int i = 0; i < rounds && live_loops > 0; ++i) {
        for (auto &slot : slots)
            if (slot && slot->state() != LoopState::Dead && !slot->m_cancelling)
                slot->cancel(why);
        run_until_idle(1);
    }
}

void HubPrivate::expire_timers() noexcept
{
    while (TimerEntry *due = m_timers.pop_due(m_now))
        due->fire(*due);
}

void HubPrivate::arm(TimerEntry &entry)
{
    m_timers.push(entry);
    if (!m_pumping && entry.deadline < m_qtimer_deadline)
        rearm_qtimer();
}

void HubPrivate::disarm(TimerEntry &entry) noexcept
{
    m_timers.remove(entry);
}

void HubPrivate::rearm_qtimer()
{
    TimerEntry *top = m_timers.top();
    if (!top) {
        if (m_qtimer_deadline != Clock::time_point::max()) {
            m_qtimer->stop();
            m_qtimer_deadline = Clock::time_point::max();
        }
        return;
    }
    if (top->deadline == m_qtimer_deadline)
        return;
    const auto wait = top->deadline - Clock::now();
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    m_qtimer->start(static_cast<int>(std::clamp<long long>(ms, 0, 24LL * 3600 * 1000)));
    m_qtimer_deadline = top->deadline;
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
}

Hub::~Hub()
{
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

LoopId Hub::spawn(detail::UniqueFunction fn, LoopOptions options)
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
            info.wait_kind = loop.wait_info().kind;
            info.waits_on = detail::describe_wait(loop.wait_info(), now);
        }
        info.since = loop.state_since();
        info.switches = loop.switches();
        info.bytes_in = loop.bytes_in();
        info.bytes_out = loop.bytes_out();
        info.child = loop.is_child();
        info.connection = loop.connection() ? loop.connection()->id() : 0;
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

namespace diesel::detail {

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
