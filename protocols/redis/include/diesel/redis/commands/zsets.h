// SPDX-License-Identifier: MIT
// Sorted set commands: ZADD, ZRANGE, ZRANGEBYSCORE, ZSCORE, ZPOPMIN, BZPOPMIN, ZUNIONSTORE, ...
#pragma once

#include <diesel/core/types.h>
#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

/// The sorted set commands. On a RedisClient each suspends the calling Loop until the reply came;
/// on a Pipeline or inside MULTI it is queued and returns an empty value. Score bounds take a
/// number or the server's syntax ("-inf", "(1.5"); lex bounds the server's ("[a", "(b", "-", "+").
class DIESEL_REDIS_EXPORT SortedSetCommands : public detail::CommandSink
{
public:
    /// BZPOPMAX: pops the highest member of the first non-empty key, waiting up to `timeout`.
    std::optional<KeyedMember> bzpopmax(const Args &keys, Seconds timeout);
    /// BZPOPMIN: pops the lowest member, waiting up to `timeout`.
    std::optional<KeyedMember> bzpopmin(const Args &keys, Seconds timeout);
    /// ZADD: adds or updates members; returns how many were added (or changed, with ch).
    long long zadd(std::string_view key, const ScoredMembers &members,
                   const ZAddOptions &options = {});
    /// ZADD ... INCR: adds `by` to a member's score; nullopt when a condition prevented it.
    std::optional<double> zadd_incr(std::string_view key, std::string_view member, double by,
                                    const ZAddOptions &options = {});
    /// ZCARD: the number of members.
    long long zcard(std::string_view key);
    /// ZCOUNT: members with scores within the bounds.
    long long zcount(std::string_view key, const ScoreBound &min, const ScoreBound &max);
    /// ZDIFF: members of the first key not in the others, by score.
    std::vector<std::string> zdiff(const Args &keys);
    /// ZDIFF ... WITHSCORES.
    std::vector<ScoredMember> zdiff_withscores(const Args &keys);
    /// ZDIFFSTORE: stores the difference; returns its size.
    long long zdiffstore(std::string_view destination, const Args &keys);
    /// ZINCRBY: adds `by` to a member's score; returns the new score.
    double zincrby(std::string_view key, double by, std::string_view member);
    /// ZINTER ... WITHSCORES: the intersection with combined scores.
    std::vector<ScoredMember> zinter_withscores(const Args &keys,
                                                const std::vector<double> &weights = {},
                                                Aggregate aggregate = Aggregate::Sum);
    /// ZINTERSTORE: stores the intersection; returns its size.
    long long zinterstore(std::string_view destination, const Args &keys,
                          const std::vector<double> &weights = {},
                          Aggregate aggregate = Aggregate::Sum);
    /// ZLEXCOUNT: members within the lex bounds (all scores equal).
    long long zlexcount(std::string_view key, std::string_view min, std::string_view max);
    /// ZMSCORE: the score of each member (nullopt for missing ones).
    std::vector<std::optional<double>> zmscore(std::string_view key, const Args &members);
    /// ZPOPMAX: removes and returns up to `count` highest members.
    std::vector<ScoredMember> zpopmax(std::string_view key, long long count = 1);
    /// ZPOPMIN: removes and returns up to `count` lowest members.
    std::vector<ScoredMember> zpopmin(std::string_view key, long long count = 1);
    /// ZRANDMEMBER: a random member.
    std::optional<std::string> zrandmember(std::string_view key);
    /// ZRANDMEMBER with a count (negative: may repeat), with scores.
    std::vector<ScoredMember> zrandmember_withscores(std::string_view key, long long count);
    /// ZRANGE by index: members `start` to `stop` (inclusive, negative from the end), lowest
    /// score first.
    std::vector<std::string> zrange(std::string_view key, long long start, long long stop);
    /// ZRANGE ... WITHSCORES.
    std::vector<ScoredMember> zrange_withscores(std::string_view key, long long start,
                                                long long stop);
    /// ZRANGEBYLEX: members between lex bounds.
    std::vector<std::string> zrangebylex(std::string_view key, std::string_view min,
                                         std::string_view max,
                                         std::optional<Limit> limit = std::nullopt);
    /// ZRANGEBYSCORE: members with scores between the bounds, lowest first.
    std::vector<std::string> zrangebyscore(std::string_view key, const ScoreBound &min,
                                           const ScoreBound &max,
                                           std::optional<Limit> limit = std::nullopt);
    /// ZRANGEBYSCORE ... WITHSCORES.
    std::vector<ScoredMember> zrangebyscore_withscores(std::string_view key, const ScoreBound &min,
                                                       const ScoreBound &max,
                                                       std::optional<Limit> limit = std::nullopt);
    /// ZRANK: the index of a member by ascending score, or nullopt.
    std::optional<long long> zrank(std::string_view key, std::string_view member);
    /// ZREM: removes members; returns how many were there.
    long long zrem(std::string_view key, const Args &members);
    /// ZREMRANGEBYLEX.
    long long zremrangebylex(std::string_view key, std::string_view min, std::string_view max);
    /// ZREMRANGEBYRANK.
    long long zremrangebyrank(std::string_view key, long long start, long long stop);
    /// ZREMRANGEBYSCORE.
    long long zremrangebyscore(std::string_view key, const ScoreBound &min, const ScoreBound &max);
    /// ZREVRANGE: as zrange(), highest score first.
    std::vector<std::string> zrevrange(std::string_view key, long long start, long long stop);
    /// ZREVRANGE ... WITHSCORES.
    std::vector<ScoredMember> zrevrange_withscores(std::string_view key, long long start,
                                                   long long stop);
    /// ZREVRANGEBYLEX: note the order of the bounds: max first.
    std::vector<std::string> zrevrangebylex(std::string_view key, std::string_view max,
                                            std::string_view min,
                                            std::optional<Limit> limit = std::nullopt);
    /// ZREVRANGEBYSCORE: highest first; note the order of the bounds: max first.
    std::vector<std::string> zrevrangebyscore(std::string_view key, const ScoreBound &max,
                                              const ScoreBound &min,
                                              std::optional<Limit> limit = std::nullopt);
    /// ZREVRANGEBYSCORE ... WITHSCORES.
    std::vector<ScoredMember>
    zrevrangebyscore_withscores(std::string_view key, const ScoreBound &max, const ScoreBound &min,
                                std::optional<Limit> limit = std::nullopt);
    /// ZREVRANK: the index of a member by descending score, or nullopt.
    std::optional<long long> zrevrank(std::string_view key, std::string_view member);
    /// ZSCAN: one page of members and scores from `cursor`.
    ScanResult<ScoredMember> zscan(std::string_view key, std::uint64_t cursor,
                                   const ScanOptions &options = {});
    /// ZSCORE: a member's score, or nullopt.
    std::optional<double> zscore(std::string_view key, std::string_view member);
    /// ZUNION ... WITHSCORES: the union with combined scores.
    std::vector<ScoredMember> zunion_withscores(const Args &keys,
                                                const std::vector<double> &weights = {},
                                                Aggregate aggregate = Aggregate::Sum);
    /// ZUNIONSTORE: stores the union; returns its size.
    long long zunionstore(std::string_view destination, const Args &keys,
                          const std::vector<double> &weights = {},
                          Aggregate aggregate = Aggregate::Sum);
};

} // namespace diesel::redis
