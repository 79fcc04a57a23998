// SPDX-License-Identifier: MIT
// HubPrivate: the registry of live Loops, their starts and ends, fire/wait, resources.
#include "connection_p.h"
#include "fiber_handle.h"
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

LoopHandle HubPrivate::spawn(UniqueFunction fn, const LoopOptions &options, Loop *parent,
                             std::size_t room)
{
    if (shutting_down)
        throw Error("cannot start a Loop: the Hub is shutting down");
    auto control = std::make_shared<LoopControl>();
    control->id = next_loop_id++;
    control->label = options.label.empty() ? "loop-" + std::to_string(control->id) : options.label;
    control->parent = parent ? parent->m_control : nullptr;
    control->keep_alive = options.keep_alive;
    // A keep-alive Loop started by another Loop lives only as long as that parent: it is its
    // child, so it ends for good (restart pending or not) when the parent ends.
    control->child = parent && (options.child || options.keep_alive);
    const std::size_t stack = options.stack_size ? options.stack_size : default_stack_size;
    create(std::move(fn), stack, parent, control, false, room);
    return LoopHandle(std::move(control));
}

Loop &HubPrivate::spawn_loop(UniqueFunction fn, const LoopOptions &options, Loop *parent,
                             std::size_t room)
{
    LoopOptions plain = options;
    plain.keep_alive = false;
    return *spawn(std::move(fn), plain, parent, room).loop();
}

Loop &HubPrivate::create(UniqueFunction fn, std::size_t stack_size, Loop *parent,
                         std::shared_ptr<LoopControl> control, bool restart, std::size_t room)
{
    std::size_t slot;
    if (free_slots.empty()) {
        slot = slots.size();
        slots.emplace_back();
    } else {
        slot = free_slots.back();
        free_slots.pop_back();
    }
    boost::context::stack_context sc;
    try {
        sc = stacks.allocate(stack_size);
    } catch (...) {
        free_slots.push_back(slot);
        throw;
    }
    void *place = StackPool::top_room(sc, kRoomOffset + room, kRoomAlign);
    char *bottom = static_cast<char *>(sc.sp) - sc.size;
    // A stack from the pool may have held frames where this Loop, its room and the fiber's
    // record below it now lie (Loops with rooms of other sizes sit at other heights): the whole
    // stack is fresh memory to ASan and valgrind.
    unpoison(bottom, sc.size);
    Loop *made = nullptr;
    try {
        made = ::new (place)
            Loop(LoopKey{}, q, control, std::move(fn), stack_size, restart, bottom, sc.size);
    } catch (...) {
        stacks.deallocate(sc);
        free_slots.push_back(slot);
        throw;
    }
    slots[slot] = std::unique_ptr<Loop, LoopDeleter>(made, LoopDeleter{this});
    Loop &loop = *slots[slot];
    loop.m_slot = slot;
    control->loop = &loop;
    if (control->child && parent) {
        loop.m_child_of = parent;
        parent->m_children.push_back(loop);
    }
    ++live_loops;
    if (observing(Observer::Lifecycle))
        notify(Observer::Lifecycle, [&loop](Observer &o) { o.loop_started(loop); });
    make_ready(loop);
    return loop;
}

void HubPrivate::resume(Loop &loop)
{
    // A Loop may run a round itself (Hub::cancel_all()): the Loop running then runs again after.
    Loop *const outer = t_current_loop;
    begin_run(loop);
    if (observing(Observer::States)) [[unlikely]]
        report_state(loop);
    const bool slices = observing(Observer::Slices);
    const Clock::time_point begin = slices ? Clock::now() : Clock::time_point{};
    void *fake_stack = nullptr;
    start_switch(&fake_stack, loop.m_stack_bottom, loop.m_stack_bytes);
    back_slot = &loop.m_caller;
    Fiber back = std::move(fiber(loop.m_fiber)).resume();
    finish_switch(fake_stack, nullptr, nullptr);
    fiber(*back_slot) = std::move(back);
    // Loops may have switched to each other (take_next_in_round()): the last of them came back.
    Loop &last = *t_current_loop;
    t_current_loop = outer;
    if (slices) [[unlikely]]
        report_slice(last, begin);
    if (last.m_state == LoopState::Dead)
        finalize(last);
}

void HubPrivate::finalize(Loop &loop)
{
    {
        // Children learn that their parent died before any other Loop runs again, so nobody
        // sees the parent gone and a child not yet told.
        UrgentWakes urgent(*this);
        loop.m_children.for_each([this](Loop &child) {
            child.m_child_of = nullptr;
            static_cast<ListHook<ChildTag> &>(child).unlink();
            child.interrupt(std::make_exception_ptr(ParentDied()));
            // A child that was ready already (it yielded) moves ahead too.
            if (child.m_state == LoopState::Ready)
                m_urgent.push_back(child);
        });
    }
    loop.m_conn = nullptr;
    loop.m_own_conn.reset();

    if (!loop.m_error.empty()) {
        const QByteArray label = QByteArray::fromStdString(loop.label());
        const QByteArray error = QByteArray::fromStdString(loop.m_error);
        if (loop.m_error_expected)
            qCDebug(lcCore, "Loop '%s' (#%llu) ended: %s", label.constData(),
                    static_cast<unsigned long long>(loop.m_id), error.constData());
        else
            qCWarning(lcCore, "Loop '%s' (#%llu) ended by an exception: %s", label.constData(),
                      static_cast<unsigned long long>(loop.m_id), error.constData());
    }
    ++loop.m_control->deaths;
    if (observing(Observer::Lifecycle))
        notify(Observer::Lifecycle, [&loop](Observer &o) { o.loop_ended(loop, loop.m_error); });

    if (loop.m_restart && !shutting_down) {
        restart(loop);
        return;
    }
    loop.m_control->loop = nullptr;
    --live_loops;
    free_slots.push_back(loop.m_slot);
    slots[loop.m_slot].reset();
}

boost::context::stack_context HubPrivate::stack_of(const Loop &loop) noexcept
{
    boost::context::stack_context sc;
    sc.size = loop.m_stack_bytes;
    sc.sp = static_cast<char *>(const_cast<void *>(loop.m_stack_bottom)) + sc.size;
    return sc;
}

void HubPrivate::destroy_loop(Loop &loop) noexcept
{
    boost::context::stack_context sc = stack_of(loop);
    loop.~Loop();
    stacks.deallocate(sc);
}

void HubPrivate::restart(Loop &loop)
{
    std::shared_ptr<LoopControl> control = loop.m_control;
    UniqueFunction fn = std::move(loop.m_fn);
    const std::size_t stack = loop.m_stack_size;
    Loop *parent = loop.m_child_of;
    if (parent)
        static_cast<ListHook<ChildTag> &>(loop).unlink();
    --live_loops;
    free_slots.push_back(loop.m_slot);
    slots[loop.m_slot].reset();
    qCInfo(lcCore, "keep-alive Loop '%s' (#%llu) ended; restarting in 0.5 s",
           control->label.c_str(), static_cast<unsigned long long>(control->id));
    try {
        create(std::move(fn), stack, parent, control, true);
    } catch (const std::exception &e) {
        control->loop = nullptr;
        qCWarning(lcCore, "keep-alive Loop '%s' cannot restart: %s", control->label.c_str(),
                  e.what());
    }
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

void HubPrivate::report_slice(const Loop &loop, Clock::time_point begin)
{
    const Slice slice{loop.m_id, begin, Clock::now(), loop.m_wake_cause};
    notify(Observer::Slices, [&slice](Observer &o) { o.slice(slice); });
}

void HubPrivate::report_state(Loop &loop)
{
    notify(Observer::States, [&loop](Observer &o) { o.loop_state_changed(loop); });
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
    core->keep_stack(stacks);
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
            std::erase_if(m_lingering, [](const auto &core) { return core->fd == kNoSocket; });
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
