// SPDX-License-Identifier: MIT
// Waking a waiting Loop, inline in each waker: the backend's dispatch wakes one Loop per ready
// socket, and a call per layer (node, Loop, Hub) was a fair part of a short request's cost.
#pragma once

#include "hub_p.h"

#include <diesel/core/loop.h>

namespace diesel {

inline bool Loop::wake(std::uint32_t epoch, int branch, WaitKind cause) noexcept
{
    if (m_state != LoopState::Waiting || m_epoch != epoch)
        return false;
    m_woken_branch = static_cast<std::int16_t>(branch);
    m_wake_cause = cause;
    m_hub->internals().make_ready(*this);
    return true;
}

} // namespace diesel
