// SPDX-License-Identifier: MIT
#include "timer_heap.h"

namespace diesel::detail {

void TimerHeap::push(TimerEntry &entry)
{
    if (entry.armed())
        remove(entry);
    entry.seq = ++m_seq;
    m_heap.push_back(&entry);
    entry.heap_index = m_heap.size() - 1;
    sift_up(entry.heap_index);
}

void TimerHeap::remove(TimerEntry &entry) noexcept
{
    if (!entry.armed())
        return;
    const std::size_t i = entry.heap_index;
    entry.heap_index = TimerEntry::not_armed;
    TimerEntry *last = m_heap.back();
    m_heap.pop_back();
    if (last == &entry)
        return;
    place(i, last);
    sift_up(i);
    sift_down(last->heap_index);
}

TimerEntry *TimerHeap::pop_due(Clock::time_point now) noexcept
{
    if (m_heap.empty() || m_heap.front()->deadline > now)
        return nullptr;
    TimerEntry *due = m_heap.front();
    remove(*due);
    return due;
}

void TimerHeap::sift_up(std::size_t i) noexcept
{
    TimerEntry *e = m_heap[i];
    while (i > 0) {
        const std::size_t parent = (i - 1) / 2;
        if (!before(e, m_heap[parent]))
            break;
        place(i, m_heap[parent]);
        i = parent;
    }
    place(i, e);
}

void TimerHeap::sift_down(std::size_t i) noexcept
{
    TimerEntry *e = m_heap[i];
    const std::size_t n = m_heap.size();
    for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && before(m_heap[child + 1], m_heap[child]))
            ++child;
        if (!before(m_heap[child], e))
            break;
        place(i, m_heap[child]);
        i = child;
    }
    place(i, e);
}

} // namespace diesel::detail
