// SPDX-License-Identifier: MIT
// Lock (the guide's diesel.util.lock.Lock) and synchronized(key): mutual exclusion between Loops.
//
//     diesel::Lock db_lock(1, "db");
//     {
//         std::lock_guard guard(db_lock);      // suspends while another Loop holds it
//         ...
//     }
//     auto held = diesel::synchronized("user:42");   // one Lock per key, made on demand
//
// A Lock blocks Loops, never the thread. Released units go to the longest-waiting Loop first.
#pragma once

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/export.h>
#include <diesel/core/loop.h>
#include <diesel/core/types.h>
#include <diesel/core/wait.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace diesel {

class Lock;

namespace detail {
// A Loop waiting for a unit of a Lock. release() grants the unit to it directly; should the Loop
// die before it ran (cancelled meanwhile), the destructor releases the unit again.
struct DIESEL_CORE_EXPORT LockWaiter : WaitNode
{
    LockWaiter() = default;
    ~LockWaiter();
    Lock *lock = nullptr;
    bool granted = false;
};
struct SyncEntry;
} // namespace detail

/// A Loop-aware counting semaphore: at most `count` Loops hold it at once (1: a mutex). It is
/// BasicLockable, so std::lock_guard and std::unique_lock work. Not copyable or movable.
class DIESEL_CORE_EXPORT Lock
{
public:
    /// A Lock that `count` Loops may hold at once; `name` shows in the workbench ("lock db").
    explicit Lock(std::size_t count = 1, std::string name = {});
    Lock(const Lock &) = delete;
    Lock &operator=(const Lock &) = delete;

    /// Suspends the calling Loop until a unit is free, and takes it.
    void acquire();
    /// Suspends the calling Loop until a unit is free, for at most `timeout`; returns whether it
    /// took one.
    [[nodiscard]] bool try_acquire(Seconds timeout);
    /// try_acquire(timeout) with the timeout in seconds.
    [[nodiscard]] bool try_acquire(double timeout_seconds)
    {
        return try_acquire(Seconds(timeout_seconds));
    }
    /// Takes a free unit if there is one; never waits.
    [[nodiscard]] bool try_acquire() noexcept;
    /// Gives a unit back; the longest-waiting Loop receives it. Throws diesel::Error when no unit
    /// is taken.
    void release();

    /// Suspends the calling Loop until a unit is free (acquire(), for std::lock_guard).
    void lock() { acquire(); }
    /// release(), for std::lock_guard and std::unique_lock.
    void unlock() { release(); }
    /// try_acquire(), for std::unique_lock(lock, std::try_to_lock).
    [[nodiscard]] bool try_lock() noexcept { return try_acquire(); }
    /// Suspends the calling Loop for at most `timeout` (see try_acquire(timeout)).
    template<class Rep, class Period>
    [[nodiscard]] bool try_lock_for(std::chrono::duration<Rep, Period> timeout)
    {
        return try_acquire(std::chrono::duration_cast<Seconds>(timeout));
    }

    /// True when every unit is taken.
    bool is_locked() const noexcept { return m_available == 0; }
    /// Free units.
    std::size_t available() const noexcept { return m_available; }
    /// Units in all (the constructor's count).
    std::size_t count() const noexcept { return m_count; }
    /// Loops waiting for a unit.
    std::size_t waiting() const noexcept { return m_waiters.size(); }
    /// The name given to the constructor.
    const std::string &name() const noexcept { return m_name; }

private:
    friend struct detail::LockWaiter;
    bool acquire_impl(const Clock::time_point *deadline);

    std::size_t m_count;
    std::size_t m_available;
    std::string m_name;
    detail::IntrusiveList<detail::LockWaiter> m_waiters;
    detail::IntrusiveList<detail::LockWaiter> m_granted; // granted, not yet resumed
};

/// Holds the Lock of a synchronized() key and releases it when destroyed. Movable.
class DIESEL_CORE_EXPORT SyncGuard
{
public:
    /// Takes over `other`'s hold.
    SyncGuard(SyncGuard &&other) noexcept;
    /// Releases this guard's hold, then takes over `other`'s.
    SyncGuard &operator=(SyncGuard &&other) noexcept;
    /// Releases the key's Lock.
    ~SyncGuard();
    /// The key's Lock.
    Lock &lock() const noexcept;

private:
    friend SyncGuard synchronized(std::string_view key);
    explicit SyncGuard(detail::SyncEntry &entry) noexcept
        : m_entry(&entry)
    {}
    void reset() noexcept;
    detail::SyncEntry *m_entry;
};

/// Suspends the calling Loop until it holds the Lock that every caller with the same `key`
/// shares (the guide's `with synchronized(key):`), and returns the guard that holds it. There is
/// one Lock per key and thread, made on first use and dropped once nobody holds or awaits it.
[[nodiscard]] DIESEL_CORE_EXPORT SyncGuard synchronized(std::string_view key = {});

} // namespace diesel
