// SPDX-License-Identifier: MIT
#include <diesel/core/detail/deadline.h>
#include <diesel/core/event.h>

#include <string>

namespace diesel {

EventTimeout::EventTimeout(std::string_view event)
    : TimeoutError(event.empty() ? std::string("waiting for the event timed out")
                                 : "waiting for event '" + std::string(event) + "' timed out")
{}

Event::Event(std::string name)
    : m_name(std::move(name))
{}

void Event::set()
{
    m_set = true;
    // Every waiter leaves the list; those whose Loop refuses the wake (already woken by another
    // branch of first(), cancelled) simply stop waiting here.
    while (detail::EventWaiter *waiter = m_waiters.pop_front())
        if (waiter->notify())
            waiter->fired = true;
}

void Event::add_waiter(detail::EventWaiter &node, Wait &wait, int branch, WaitInfo &info)
{
    wait.add(node, branch, WaitKind::Event);
    m_waiters.push_back(node);
    info = WaitInfo::of(WaitKind::Event, m_name, this);
}

void Event::wait()
{
    wait_impl(nullptr);
}

void Event::wait(Seconds timeout)
{
    const Clock::time_point deadline = detail::deadline_after(timeout);
    wait_impl(&deadline);
}

void Event::wait_impl(const Clock::time_point *deadline)
{
    while (!m_set) {
        if (deadline && Clock::now() >= *deadline)
            throw EventTimeout(m_name);
        Wait wait("Event::wait");
        detail::EventWaiter node;
        WaitInfo info;
        add_waiter(node, wait, 0, info);
        if (deadline)
            wait.set_deadline(*deadline);
        const int branch = wait.suspend(info);
        // A set() that woke us counts even if clear() followed before we ran.
        if (node.fired)
            return;
        if (branch == Wait::timed_out)
            throw EventTimeout(m_name);
    }
}

std::optional<Event::Condition::value_type> Event::Condition::poll() const noexcept
{
    if (m_event->is_set())
        return std::monostate{};
    return std::nullopt;
}

void Event::Condition::Registration::arm(Condition &c, Wait &wait, int branch, WaitInfo &info)
{
    c.m_event->add_waiter(node, wait, branch, info);
}

std::optional<Event::Condition::value_type> Event::Condition::Registration::take() const noexcept
{
    if (node.fired)
        return std::monostate{};
    return std::nullopt;
}

Countdown::Countdown(std::size_t count, std::string name)
    : m_done(std::move(name))
    , m_remaining(count)
{
    if (m_remaining == 0)
        m_done.set();
}

void Countdown::tick()
{
    if (m_remaining == 0)
        return;
    if (--m_remaining == 0)
        m_done.set();
}

} // namespace diesel
