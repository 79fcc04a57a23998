// SPDX-License-Identifier: MIT
#include <diesel/core/detail/deadline.h>
#include <diesel/core/error.h>
#include <diesel/core/lock.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace diesel {

namespace detail {

LockWaiter::~LockWaiter()
{
    // Granted and still filed under the Lock: the Loop never took its unit. Pass it on.
    if (granted && is_linked()) {
        unlink();
        lock->release();
    }
}

struct SyncEntry
{
    explicit SyncEntry(std::string_view k)
        : key(k)
        , lock(1, k.empty() ? std::string("synchronized") : "synchronized " + key)
    {}
    std::string key;
    Lock lock;
    std::size_t users = 0; // holders and waiters
};

namespace {

struct KeyHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept
    {
        return std::hash<std::string_view>{}(s);
    }
};

// Locks are per thread like the Loops that use them; entries go when their last user does.
using SyncMap =
    std::unordered_map<std::string, std::unique_ptr<SyncEntry>, KeyHash, std::equal_to<>>;
thread_local SyncMap t_sync_locks;

void drop_user(SyncEntry &entry) noexcept
{
    if (--entry.users == 0) {
        const std::string key = entry.key; // erase() must not read a key it is destroying
        t_sync_locks.erase(key);
    }
}

} // namespace
} // namespace detail

Lock::Lock(std::size_t count, std::string name)
    : m_count(count)
    , m_available(count)
    , m_name(std::move(name))
{}

bool Lock::try_acquire() noexcept
{
    // Free units and waiting Loops never coexist: release() hands units to waiters first.
    if (m_available == 0)
        return false;
    --m_available;
    return true;
}

void Lock::acquire()
{
    acquire_impl(nullptr);
}

bool Lock::try_acquire(Seconds timeout)
{
    const Clock::time_point deadline = detail::deadline_after(timeout);
    return acquire_impl(&deadline);
}

bool Lock::acquire_impl(const Clock::time_point *deadline)
{
    for (;;) {
        if (try_acquire())
            return true;
        if (deadline && Clock::now() >= *deadline)
            return false;
        Wait wait("Lock::acquire");
        detail::LockWaiter node;
        node.lock = this;
        wait.add(node, 0, WaitKind::Lock);
        m_waiters.push_back(node);
        WaitInfo info = WaitInfo::of(WaitKind::Lock, m_name, this);
        if (deadline)
            wait.set_deadline(*deadline);
        const int branch = wait.suspend(info);
        if (node.granted) {
            node.granted = false;
            node.unlink();
            return true;
        }
        if (branch == Wait::timed_out)
            return false;
    }
}

void Lock::release()
{
    if (m_available + m_granted.size() >= m_count)
        throw Error("Lock::release(): lock '" + m_name + "' is not held");
    while (detail::LockWaiter *waiter = m_waiters.pop_front()) {
        if (waiter->notify()) {
            waiter->granted = true;
            m_granted.push_back(*waiter);
            return;
        }
    }
    ++m_available;
}

SyncGuard::SyncGuard(SyncGuard &&other) noexcept
    : m_entry(std::exchange(other.m_entry, nullptr))
{}

SyncGuard &SyncGuard::operator=(SyncGuard &&other) noexcept
{
    if (this != &other) {
        reset();
        m_entry = std::exchange(other.m_entry, nullptr);
    }
    return *this;
}

SyncGuard::~SyncGuard()
{
    reset();
}

Lock &SyncGuard::lock() const noexcept
{
    return m_entry->lock;
}

void SyncGuard::reset() noexcept
{
    if (detail::SyncEntry *entry = std::exchange(m_entry, nullptr)) {
        entry->lock.release();
        detail::drop_user(*entry);
    }
}

SyncGuard synchronized(std::string_view key)
{
    auto it = detail::t_sync_locks.find(key);
    if (it == detail::t_sync_locks.end())
        it =
            detail::t_sync_locks.emplace(std::string(key), std::make_unique<detail::SyncEntry>(key))
                .first;
    detail::SyncEntry &entry = *it->second;
    ++entry.users;
    // A waiter cancelled before it got the lock still counted as a user.
    struct User
    {
        detail::SyncEntry *entry;
        ~User()
        {
            if (entry)
                detail::drop_user(*entry);
        }
    } user{&entry};
    entry.lock.acquire();
    user.entry = nullptr;
    return SyncGuard(entry);
}

} // namespace diesel
