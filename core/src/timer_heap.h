// SPDX-License-Identifier: MIT
// A binary min-heap of intrusive timer entries, ordered by deadline then arming order.
#pragma once

#include <diesel/core/detail/timer.h>
#include <diesel/core/export.h>

#include <cstdint>
#include <vector>

namespace diesel::detail {

class DIESEL_CORE_EXPORT TimerHeap
{
public:
    bool empty() const noexcept { return m_heap.empty(); }
    std::size_t size() const noexcept { return m_heap.size(); }
    TimerEntry *top() const noexcept { return m_heap.empty() ? nullptr : m_heap.front(); }
    /// Arms `entry` (re-arming it if it already is).
    void push(TimerEntry &entry);
    /// Disarms `entry` if armed.
    void remove(TimerEntry &entry) noexcept;
    /// Disarms and returns the earliest entry whose deadline is at or before `now`.
    TimerEntry *pop_due(Clock::time_point now) noexcept;

private:
    static bool before(const TimerEntry *a, const TimerEntry *b) noexcept
    {
        return a->deadline < b->deadline || (a->deadline == b->deadline && a->seq < b->seq);
    }
    void place(std::size_t i, TimerEntry *e) noexcept
    {
        m_heap[i] = e;
        e->heap_index = i;
    }
    void sift_up(std::size_t i) noexcept;
    void sift_down(std::size_t i) noexcept;

    std::vector<TimerEntry *> m_heap;
    std::uint64_t m_seq = 0;
};

} // namespace diesel::detail
