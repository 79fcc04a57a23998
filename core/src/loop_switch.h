// SPDX-License-Identifier: MIT
// The switch from a Loop back to the Hub, inline in each caller: a frame less on every suspend,
// and with thousands of connections every line of a Loop's stack a request touches is a miss.
#pragma once

#include "fiber_handle.h"
#include "fiber_switch.h"
#include "hub_p.h"

#include <diesel/core/loop.h>

namespace diesel {

inline void Loop::switch_to_hub()
{
    detail::HubPrivate &d = m_hub->internals();
    detail::start_switch(&m_fake_stack, d.thread_stack_bottom, d.thread_stack_size);
    detail::Fiber &caller = detail::fiber(m_caller);
    caller = std::move(caller).resume();
    detail::finish_switch(m_fake_stack, nullptr, nullptr);
}

} // namespace diesel
