// SPDX-License-Identifier: MIT
// The switch out of a suspending Loop, to the next ready Loop or back to the Hub, inline in each
// caller: a frame less on every suspend, and with thousands of connections every line of a
// Loop's stack a request touches is a miss.
#pragma once

#include "fiber_handle.h"
#include "fiber_switch.h"
#include "hub_p.h"

#include <diesel/core/loop.h>

namespace diesel {

// Always inlined: after a switch, each return the resumed side makes through a frame that sat
// between its code and the switch is a mispredicted return (the CPU's return-address stack holds
// the other side's calls), so a helper frame here costs about 10 ns per switch.
[[gnu::always_inline]] inline void Loop::switch_away()
{
    detail::HubPrivate &d = m_hub->internals();
    detail::FiberHandle *target = &m_caller;
    const void *bottom = d.thread_stack_bottom;
    std::size_t bytes = d.thread_stack_size;
    if (Loop *next = d.take_next_in_round(*this)) {
        // The Hub's context travels with the running Loop: the last one of the round returns it.
        d.begin_run(*next);
        detail::fiber(next->m_caller) = std::move(detail::fiber(m_caller));
        target = &next->m_fiber;
        bottom = next->m_stack_bottom;
        bytes = next->m_stack_bytes;
    }
    d.back_slot = &m_fiber;
    detail::start_switch(&m_fake_stack, bottom, bytes);
    detail::Fiber back = std::move(detail::fiber(*target)).resume();
    detail::finish_switch(m_fake_stack, nullptr, nullptr);
    detail::fiber(*d.back_slot) = std::move(back);
}

} // namespace diesel
