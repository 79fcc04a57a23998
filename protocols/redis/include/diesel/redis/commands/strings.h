// SPDX-License-Identifier: MIT
// String commands: GET, SET, INCR, MGET, APPEND, ...
#pragma once

#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

/// The string commands. On a RedisClient each suspends the calling Loop until the reply came;
/// on a Pipeline or inside MULTI it is queued and returns an empty value.
class DIESEL_REDIS_EXPORT StringCommands : public detail::CommandSink
{
public:
    /// APPEND: appends `value`; returns the new length.
    long long append(std::string_view key, std::string_view value);
    /// DECR: returns the decremented value.
    long long decr(std::string_view key);
    /// DECRBY.
    long long decrby(std::string_view key, long long by);
    /// GET: the value, or nullopt when the key does not exist.
    std::optional<std::string> get(std::string_view key);
    /// GETDEL: gets and deletes.
    std::optional<std::string> getdel(std::string_view key);
    /// GETEX: gets and sets (or removes) the expiry.
    std::optional<std::string> getex(std::string_view key, const ExpiryOptions &expiry);
    /// GETRANGE: the substring between byte offsets `start` and `end` (inclusive; negative from
    /// the end).
    std::string getrange(std::string_view key, long long start, long long end);
    /// GETSET: sets and returns the old value.
    std::optional<std::string> getset(std::string_view key, std::string_view value);
    /// INCR: returns the incremented value.
    long long incr(std::string_view key);
    /// INCRBY.
    long long incrby(std::string_view key, long long by);
    /// INCRBYFLOAT.
    double incrbyfloat(std::string_view key, double by);
    /// LCS: the longest common subsequence of two string keys.
    std::string lcs(std::string_view key1, std::string_view key2);
    /// LCS ... LEN: its length.
    long long lcs_len(std::string_view key1, std::string_view key2);
    /// MGET: one optional value per key, in order.
    std::vector<std::optional<std::string>> mget(const Args &keys);
    /// MSET: sets every key/value pair.
    void mset(const Pairs &key_values);
    /// MSETNX: sets them all only if none exists; returns whether it did.
    bool msetnx(const Pairs &key_values);
    /// PSETEX: sets with an expiry in milliseconds.
    void psetex(std::string_view key, std::chrono::milliseconds ttl, std::string_view value);
    /// SET: returns false when an nx/xx condition kept it from being set.
    bool set(std::string_view key, std::string_view value, const SetOptions &options = {});
    /// SET ... GET: sets and returns the old value.
    std::optional<std::string> set_get(std::string_view key, std::string_view value,
                                       const SetOptions &options = {});
    /// SETEX: sets with an expiry in seconds.
    void setex(std::string_view key, std::chrono::seconds ttl, std::string_view value);
    /// SETNX: sets only if absent; returns whether it did.
    bool setnx(std::string_view key, std::string_view value);
    /// SETRANGE: overwrites from `offset`; returns the new length.
    long long setrange(std::string_view key, long long offset, std::string_view value);
    /// STRLEN.
    long long strlen(std::string_view key);
};

} // namespace diesel::redis
