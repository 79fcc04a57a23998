// SPDX-License-Identifier: MIT
#include "connection_p.h"
#include "hub_p.h"

#include <diesel/core/detail/deadline.h>
#include <diesel/core/first.h>

namespace diesel::cond {

sleep::sleep(double seconds)
    : m_duration(detail::duration_of(Seconds(seconds)))
{}

std::optional<sleep::value_type> sleep::poll()
{
    const Clock::time_point now = Clock::now();
    if (!m_deadline)
        m_deadline = now + m_duration;
    if (now >= *m_deadline)
        return std::monostate{};
    return std::nullopt;
}

void sleep::Registration::arm(sleep &c, Wait &wait, int branch, WaitInfo &info)
{
    wait.set_deadline(*c.m_deadline, branch);
    info.kind = WaitKind::Timer;
    info.deadline = *c.m_deadline;
}

ConnectionCondition::ConnectionCondition()
    : m_conn(&current_connection("first"))
{}

void ConnectionCondition::Registration::arm(ConnectionCondition &c, Wait &wait, int branch,
                                            WaitInfo &info)
{
    c.m_conn->watch_readable(wait, node, branch);
    info.kind = WaitKind::Read;
    info.fd = c.m_conn->core().fd;
}

void wait::Registration::arm(wait &c, Wait &w, int branch, WaitInfo &info)
{
    w.add(*this, branch, WaitKind::Fire);
    detail::hub_of(w.loop()).add_fire_waiter(c.event(), *this);
    info.kind = WaitKind::Fire;
    info.name = c.event();
}

} // namespace diesel::cond
