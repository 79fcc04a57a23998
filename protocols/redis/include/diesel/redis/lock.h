// SPDX-License-Identifier: MIT
// RedisLock: a distributed lock on one key, held while the object lives.
//
//     {
//         diesel::redis::RedisLock lock(client, "locks:report", 10s);
//         build_the_report(); // another process taking "locks:report" gets LockNotAcquired
//     } // released here, if still ours
#pragma once

#include <diesel/core/types.h>
#include <diesel/redis/export.h>

#include <cstdint>
#include <memory>
#include <string>

namespace diesel::redis {

class RedisClient;

namespace detail {
struct LockState;
}

/// A lock taken with SET key token NX PX timeout, where the token is unique to this holder.
/// While held, a child Loop (fork_child, with its own connection) renews the expiry every third
/// of the timeout, so a holder that dies lets go after `timeout`, and one that lives keeps it.
/// The renewing Loop is a child of the Loop that took the lock and ends with it.
/// Destruction (or release()) deletes the key only if it still holds this token, with a Lua
/// script, so an expired lock taken over by someone else is never released by mistake.
class DIESEL_REDIS_EXPORT RedisLock
{
public:
    /// Tries once to take the lock: suspends the calling Loop until Redis answered. Throws
    /// LockNotAcquired when another holder has it. `client` must outlive the lock.
    RedisLock(RedisClient &client, std::string key, Seconds timeout = Seconds(30));
    /// Like the above but waits up to `wait` for the holder to let go, retrying every 50 ms.
    RedisLock(RedisClient &client, std::string key, Seconds timeout, Seconds wait);
    RedisLock(const RedisLock &) = delete;
    RedisLock &operator=(const RedisLock &) = delete;
    /// Stops renewing and releases the lock if still ours. Never suspends: the release is sent
    /// on `client` without waiting for its reply (or, when the client is inside MULTI or
    /// disconnected, from a short-lived Loop of its own).
    ~RedisLock();

    /// Stops renewing and releases now: suspends the calling Loop until Redis answered. Returns
    /// whether the key still held this lock's token (false: it had expired or was taken).
    bool release();
    /// True from taking the lock until release() or destruction, or until a renewal found that
    /// the key no longer holds our token (the lock was lost).
    bool held() const noexcept;
    /// The key the lock is stored under.
    const std::string &key() const noexcept;
    /// The unique value stored in the key while this lock holds it.
    const std::string &token() const noexcept;
    /// How many times the expiry was renewed.
    std::uint64_t renewals() const noexcept;

private:
    void acquire(Seconds wait);
    void stop_renewing() noexcept;
    std::shared_ptr<detail::LockState> d;
};

} // namespace diesel::redis
