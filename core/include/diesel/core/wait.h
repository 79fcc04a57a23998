// SPDX-License-Identifier: MIT
// The extension API for waitables: how a Queue, an Event or a protocol object suspends the
// calling Loop and how it wakes it again. Every blocking primitive of the runtime is built on it.
#pragma once

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/detail/timer.h>
#include <diesel/core/export.h>
#include <diesel/core/loop.h>
#include <diesel/core/types.h>

#include <cstdint>

namespace diesel {

class Wait;

/// A registration of a waiting Loop on a waitable. It lives on the waiting Loop's stack (inside
/// the primitive that waits) and unlinks itself from the waitable's list when it goes away, so a
/// waitable never holds a stale waiter.
class DIESEL_CORE_EXPORT WaitNode : public detail::ListHook<>
{
public:
    WaitNode() = default;
    /// Wakes the node's Loop with this node as the cause, if the Loop still waits in the wait this
    /// node was added to. Returns whether it did: a waitable handing over an item hands it only
    /// when this returns true. A woken Loop can still be cancelled before it runs (its wait then
    /// throws), so a node holding a handed-over item must give it back when destroyed untaken.
    bool notify() noexcept;
    /// The Loop this node belongs to (nullptr before Wait::add()).
    Loop *loop() const noexcept { return m_loop; }

private:
    friend class Wait;
    Loop *m_loop = nullptr;
    std::uint32_t m_epoch = 0;
    int m_branch = 0;
    WaitKind m_kind = WaitKind::Other;
};

/// One wait of the calling Loop: add nodes to waitables' lists, optionally set a deadline, then
/// suspend(). Nodes added to a Wait wake only that wait; once suspend() returns, later notify()
/// calls on them are refused until they are added to a new Wait.
class DIESEL_CORE_EXPORT Wait
{
public:
    /// suspend() returns this when the deadline passed.
    static constexpr int timed_out = -1;

    /// Starts a wait of the running Loop; throws NotInLoop naming `primitive` outside a Loop.
    explicit Wait(const char *primitive)
        : m_loop(&Loop::require(primitive))
        , m_epoch(++m_loop->m_epoch)
    {}
    Wait(const Wait &) = delete;
    Wait &operator=(const Wait &) = delete;
    ~Wait()
    {
        if (m_timer.armed())
            disarm_timer();
    }

    Loop &loop() const noexcept { return *m_loop; }
    /// Binds `node` to this wait; its notify() will make suspend() return `branch` (a 16-bit value:
    /// the Loop keeps it in two bytes, beside the fields every switch touches).
    void add(WaitNode &node, int branch = 0, WaitKind kind = WaitKind::Other) noexcept
    {
        node.m_loop = m_loop;
        node.m_epoch = m_epoch;
        node.m_branch = branch;
        node.m_kind = kind;
    }
    /// suspend() returns `branch` (default: timed_out) once `deadline` has passed, unless woken
    /// earlier. A later call keeps the earliest deadline.
    void set_deadline(Clock::time_point deadline, int branch = timed_out);
    /// Suspends the calling Loop until a node is notified or the deadline passes, and returns the
    /// branch. Throws LoopCancelled (or ParentDied) if the Loop is cancelled meanwhile.
    int suspend(const WaitInfo &info);
    /// Like suspend(), but a cancellation only wakes the Loop (suspend returns `cancelled`) and is
    /// thrown at its next ordinary wait. For waits that must outlive no stack frame: a worker
    /// thread using the Loop's stack, C code holding buffers.
    int suspend_uncancellable(const WaitInfo &info);
    /// suspend_uncancellable() returns this when a cancellation woke the Loop.
    static constexpr int cancelled = -2;

private:
    friend class Loop; // Loop::wait_info() reads the wait in progress
    // One frame with suspend(): a Loop's stack is cold on every wake-up, each frame a miss.
    [[gnu::always_inline]] inline int suspend_impl(const WaitInfo &info);
    struct Timer : detail::TimerEntry
    {
        Loop *loop = nullptr;
        std::uint32_t epoch = 0;
        int branch = timed_out;
    };
    static void on_timer(detail::TimerEntry &entry) noexcept;
    void disarm_timer() noexcept;

    Loop *m_loop;
    std::uint32_t m_epoch;
    const WaitInfo *m_info = nullptr; // while suspended: what the suspend() call was given
    Timer m_timer;
};

namespace detail {
// sleep(0) when called from a Loop; nothing outside one. Throws what a wait throws.
DIESEL_CORE_EXPORT void yield_in_loop();
} // namespace detail

} // namespace diesel
