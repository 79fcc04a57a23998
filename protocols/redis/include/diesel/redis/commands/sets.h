// SPDX-License-Identifier: MIT
// Set commands: SADD, SMEMBERS, SINTER, SUNION, SPOP, SSCAN, ...
#pragma once

#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace diesel::redis {

/// The set commands. On a RedisClient each suspends the calling Loop until the reply came; on a
/// Pipeline or inside MULTI it is queued and returns an empty value.
class DIESEL_REDIS_EXPORT SetCommands : public detail::CommandSink
{
public:
    /// SADD: adds members; returns how many were new.
    long long sadd(std::string_view key, const Args &members);
    /// SCARD: the number of members.
    long long scard(std::string_view key);
    /// SDIFF: members of the first set not in the others.
    std::unordered_set<std::string> sdiff(const Args &keys);
    /// SDIFFSTORE: stores the difference; returns its size.
    long long sdiffstore(std::string_view destination, const Args &keys);
    /// SINTER: members in every set.
    std::unordered_set<std::string> sinter(const Args &keys);
    /// SINTERCARD: the size of the intersection, counting at most `limit` (0: no limit).
    long long sintercard(const Args &keys, long long limit = 0);
    /// SINTERSTORE: stores the intersection; returns its size.
    long long sinterstore(std::string_view destination, const Args &keys);
    /// SISMEMBER.
    bool sismember(std::string_view key, std::string_view member);
    /// SMEMBERS: every member.
    std::unordered_set<std::string> smembers(std::string_view key);
    /// SMISMEMBER: membership of each of `members`, in order.
    std::vector<bool> smismember(std::string_view key, const Args &members);
    /// SMOVE: moves a member; returns whether it was in `source`.
    bool smove(std::string_view source, std::string_view destination, std::string_view member);
    /// SPOP: removes and returns a random member, or nullopt when empty.
    std::optional<std::string> spop(std::string_view key);
    /// SPOP with a count: up to `count` random members.
    std::vector<std::string> spop(std::string_view key, long long count);
    /// SRANDMEMBER: a random member without removing it.
    std::optional<std::string> srandmember(std::string_view key);
    /// SRANDMEMBER with a count (negative: may repeat members).
    std::vector<std::string> srandmember(std::string_view key, long long count);
    /// SREM: removes members; returns how many were there.
    long long srem(std::string_view key, const Args &members);
    /// SSCAN: one page of members from `cursor`.
    ScanResult<std::string> sscan(std::string_view key, std::uint64_t cursor,
                                  const ScanOptions &options = {});
    /// SUNION: members of any set.
    std::unordered_set<std::string> sunion(const Args &keys);
    /// SUNIONSTORE: stores the union; returns its size.
    long long sunionstore(std::string_view destination, const Args &keys);
};

} // namespace diesel::redis
