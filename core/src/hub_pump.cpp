// SPDX-License-Identifier: MIT
// The pump: how the Hub runs inside Qt's event loop — poll the backend, expire timers, run the
// ready Loops, round after round, within a time budget — and the one QTimer behind every timer.
#include "hub_p.h"
#include "logging.h"

#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <utility>

namespace diesel::detail {

namespace {
// A pump returns to Qt after this long even while Loops stay ready, so that windows repaint.
constexpr auto kPumpBudget = std::chrono::milliseconds(8);
// Longest a run of ready Loops delays looking at sockets and timers.
constexpr auto kPollInterval = std::chrono::microseconds(200);
constexpr std::size_t kResumesPerClockRead = 8;
} // namespace

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
        if (!has_ready())
            break;
        resumed_since_clock += run_ready_round();
        if (stop_requested) // quickstop(): no further rounds in this pump
            break;
        // Reading the clock costs about a third of a yield: while Loops only yield to each
        // other, read it every few resumptions; always before polling (timers need it).
        const bool drained = !has_ready();
        if (drained || resumed_since_clock >= kResumesPerClockRead) {
            m_now = Clock::now();
            resumed_since_clock = 0;
        }
        if (m_now - start > kPumpBudget) {
            if (has_ready() || backend->undispatched())
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
    // The Loops ready now make this round; those made ready meanwhile wait for the next one,
    // except urgent wakes, which run before the next Loop of this round. A Loop that suspends
    // takes the next one itself (take_next_in_round()); the Hub takes over when it cannot.
    IntrusiveList<Loop, ReadyTag> round;
    round.splice_back(m_ready);
    IntrusiveList<Loop, ReadyTag> *const outer = std::exchange(m_round, &round);
    const std::uint64_t switches_before = switches;
    for (;;) {
        if (receives_signals && signal_arrived())
            dispatch_signals();
        Loop *const loop = pop_next_in_round();
        if (!loop)
            break;
        resume(*loop);
    }
    m_round = outer;
    return static_cast<std::size_t>(switches - switches_before);
}

void HubPrivate::run_until_idle(int rounds)
{
    for (int i = 0; i < rounds && has_ready(); ++i) {
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
    // A QTimer due no later than the earliest timer is left running: firing early costs one pump
    // that finds nothing due and re-arms it. Restarting it whenever the earliest deadline moved
    // later cost a Qt timer registration per pump for a client that bounds each read by a
    // deadline from now (each wait arms one a little later than the last).
    if (m_qtimer_deadline <= top->deadline)
        return;
    const auto wait = top->deadline - Clock::now();
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    m_qtimer->start(static_cast<int>(std::clamp<long long>(ms, 0, 24LL * 3600 * 1000)));
    m_qtimer_deadline = top->deadline;
}

} // namespace diesel::detail
