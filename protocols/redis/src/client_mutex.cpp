// SPDX-License-Identifier: MIT
#include "client_state.h"

#include <diesel/core/error.h>
#include <diesel/core/loop.h>
#include <diesel/core/wait.h>

namespace diesel::redis::detail {

void ClientMutex::lock(std::string_view name)
{
    Loop &me = Loop::require("RedisClient");
    if (!m_owner) {
        m_owner = &me;
        m_depth = 1;
        return;
    }
    if (m_owner == &me) {
        ++m_depth;
        return;
    }
    WaitNode node;
    do {
        Wait wait("RedisClient");
        wait.add(node, 0, WaitKind::Lock);
        m_waiters.push_back(node);
        WaitInfo info;
        info.kind = WaitKind::Lock;
        info.object = this;
        info.name = name;
        try {
            wait.suspend(info);
        } catch (...) {
            // unlock() may have handed us the lock just before the cancellation: pass it on.
            node.unlink();
            if (m_owner == &me)
                unlock();
            throw;
        }
        node.unlink();
    } while (m_owner != &me);
}

void ClientMutex::unlock() noexcept
{
    if (--m_depth > 0)
        return;
    m_owner = nullptr;
    m_depth = 0;
    while (WaitNode *next = m_waiters.pop_front()) {
        Loop *loop = next->loop();
        if (next->notify()) {
            // Handed over directly, so a Loop that keeps sending cannot starve the waiters.
            m_owner = loop;
            m_depth = 1;
            return;
        }
    }
}

bool ClientMutex::held_by_caller() const noexcept
{
    return m_owner != nullptr && m_owner == Loop::current();
}

} // namespace diesel::redis::detail
