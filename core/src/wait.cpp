// SPDX-License-Identifier: MIT
#include "hub_p.h"
#include "loop_switch.h"
#include "loop_wake.h"

#include <diesel/core/wait.h>

namespace diesel {

bool WaitNode::notify() noexcept
{
    return m_loop && m_loop->wake(m_epoch, m_branch, m_kind);
}

void Wait::disarm_timer() noexcept
{
    m_loop->hub().internals().disarm(m_timer);
}

void Wait::set_deadline(Clock::time_point deadline, int branch)
{
    if (m_timer.armed() && m_timer.deadline <= deadline)
        return;
    m_timer.deadline = deadline;
    m_timer.loop = m_loop;
    m_timer.epoch = m_epoch;
    m_timer.branch = branch;
    m_timer.fire = &Wait::on_timer;
    m_loop->hub().internals().arm(m_timer);
}

void Wait::on_timer(detail::TimerEntry &entry) noexcept
{
    auto &timer = static_cast<Timer &>(entry);
    timer.loop->wake(timer.epoch, timer.branch, WaitKind::Timer);
}

WaitInfo Loop::wait_info() const noexcept
{
    if (!m_wait)
        return {};
    WaitInfo info = *m_wait->m_info;
    // A deadline set on the wait's timer, where the primitive's own description names none.
    if (info.deadline == Clock::time_point{} && m_wait->m_timer.armed())
        info.deadline = m_wait->m_timer.deadline;
    return info;
}

int Wait::suspend_impl(const WaitInfo &info)
{
    Loop &loop = *m_loop;
    detail::HubPrivate &d = loop.hub().internals();
    m_info = &info;
    loop.m_wait = this;
    loop.m_state = LoopState::Waiting;
    loop.m_since = d.now();
    loop.m_woken_branch = timed_out;
    if (d.observing(Observer::States)) [[unlikely]]
        d.report_state(loop);
    loop.switch_away();
    loop.m_wait = nullptr;
    if (m_timer.armed())
        d.disarm(m_timer);
    return loop.m_woken_branch;
}

int Wait::suspend(const WaitInfo &info)
{
    // Checked here, the call only when there is something to throw: waits are the hot path.
    if (m_loop->m_pending) [[unlikely]]
        m_loop->throw_pending();
    const int branch = suspend_impl(info);
    if (m_loop->m_pending) [[unlikely]]
        m_loop->throw_pending();
    return branch;
}

int Wait::suspend_uncancellable(const WaitInfo &info)
{
    return suspend_impl(info);
}

} // namespace diesel
