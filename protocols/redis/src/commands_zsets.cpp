// SPDX-License-Identifier: MIT
#include "command_shapes.h"
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/zsets.h>

namespace diesel::redis {

using namespace detail;

ScoreBound::ScoreBound(double value)
    : m_text(Num(value).view())
{}

ScoreBound ScoreBound::exclusive(double value)
{
    return ScoreBound("(" + std::string(Num(value).view()));
}

namespace {
// NAME key first second [WITHSCORES] [LIMIT offset count]: the ZRANGEBY* and ZREVRANGEBY*
// commands, whose bounds come in the order the command names (min first, or max first).
Command by_bounds(std::string_view name, std::string_view key, std::string_view first,
                  std::string_view second, const std::optional<Limit> &limit,
                  bool withscores = false)
{
    Command c(name);
    c.add(key).add(first).add(second).flag(withscores, "WITHSCORES");
    if (limit)
        c.add("LIMIT").add(limit->offset).add(limit->count);
    return c;
}

void add_weights(Command &c, const std::vector<double> &weights, Aggregate aggregate)
{
    if (!weights.empty()) {
        c.add("WEIGHTS");
        for (const double w : weights)
            c.add(w);
    }
    if (aggregate != Aggregate::Sum)
        c.add("AGGREGATE").add(aggregate == Aggregate::Min ? "MIN" : "MAX");
}

Command numkeys(std::string_view name, const Args &keys)
{
    Command c(name);
    c.add(static_cast<long long>(keys.size())).add(keys);
    return c;
}

Command stored(std::string_view name, std::string_view destination, const Args &keys)
{
    Command c(name);
    c.add(destination).add(static_cast<long long>(keys.size())).add(keys);
    return c;
}

void add_zadd_options(Command &c, const ZAddOptions &o)
{
    c.flag(o.nx, "NX").flag(o.xx, "XX").flag(o.gt, "GT").flag(o.lt, "LT").flag(o.ch, "CH");
}
} // namespace

std::optional<KeyedMember> SortedSetCommands::bzpopmax(const Args &keys, Seconds timeout)
{
    return to_keyed_member(run_command(blocking_pop("BZPOPMAX", keys, timeout).span()));
}

std::optional<KeyedMember> SortedSetCommands::bzpopmin(const Args &keys, Seconds timeout)
{
    return to_keyed_member(run_command(blocking_pop("BZPOPMIN", keys, timeout).span()));
}

long long SortedSetCommands::zadd(std::string_view key, const ScoredMembers &members,
                                  const ZAddOptions &options)
{
    Command c("ZADD");
    c.add(key);
    add_zadd_options(c, options);
    for (const auto &[member, score] : members.items())
        c.add(score).add(member);
    return to_int(run_command(c.span()));
}

std::optional<double> SortedSetCommands::zadd_incr(std::string_view key, std::string_view member,
                                                   double by, const ZAddOptions &options)
{
    Command c("ZADD");
    c.add(key);
    add_zadd_options(c, options);
    c.add("INCR").add(by).add(member);
    return to_opt_double(run_command(c.span()));
}

long long SortedSetCommands::zcard(std::string_view key)
{
    return to_int(run({"ZCARD", key}));
}

long long SortedSetCommands::zcount(std::string_view key, const ScoreBound &min,
                                    const ScoreBound &max)
{
    return to_int(run({"ZCOUNT", key, min.text(), max.text()}));
}

std::vector<std::string> SortedSetCommands::zdiff(const Args &keys)
{
    return to_strings(run_command(numkeys("ZDIFF", keys).span()));
}

std::vector<ScoredMember> SortedSetCommands::zdiff_withscores(const Args &keys)
{
    Command c = numkeys("ZDIFF", keys);
    c.add("WITHSCORES");
    return to_scored(run_command(c.span()));
}

long long SortedSetCommands::zdiffstore(std::string_view destination, const Args &keys)
{
    return to_int(run_command(stored("ZDIFFSTORE", destination, keys).span()));
}

double SortedSetCommands::zincrby(std::string_view key, double by, std::string_view member)
{
    return to_double(run({"ZINCRBY", key, Num(by), member}));
}

std::vector<ScoredMember> SortedSetCommands::zinter_withscores(const Args &keys,
                                                               const std::vector<double> &weights,
                                                               Aggregate aggregate)
{
    Command c = numkeys("ZINTER", keys);
    add_weights(c, weights, aggregate);
    c.add("WITHSCORES");
    return to_scored(run_command(c.span()));
}

long long SortedSetCommands::zinterstore(std::string_view destination, const Args &keys,
                                         const std::vector<double> &weights, Aggregate aggregate)
{
    Command c = stored("ZINTERSTORE", destination, keys);
    add_weights(c, weights, aggregate);
    return to_int(run_command(c.span()));
}

long long SortedSetCommands::zlexcount(std::string_view key, std::string_view min,
                                       std::string_view max)
{
    return to_int(run({"ZLEXCOUNT", key, min, max}));
}

std::vector<std::optional<double>> SortedSetCommands::zmscore(std::string_view key,
                                                              const Args &members)
{
    return to_opt_doubles(run_command(keyed("ZMSCORE", key, members).span()));
}

std::vector<ScoredMember> SortedSetCommands::zpopmax(std::string_view key, long long count)
{
    return to_scored(run({"ZPOPMAX", key, Num(count)}));
}

std::vector<ScoredMember> SortedSetCommands::zpopmin(std::string_view key, long long count)
{
    return to_scored(run({"ZPOPMIN", key, Num(count)}));
}

std::optional<std::string> SortedSetCommands::zrandmember(std::string_view key)
{
    return to_opt_string(run({"ZRANDMEMBER", key}));
}

std::vector<ScoredMember> SortedSetCommands::zrandmember_withscores(std::string_view key,
                                                                    long long count)
{
    return to_scored(run({"ZRANDMEMBER", key, Num(count), "WITHSCORES"}));
}

std::vector<std::string> SortedSetCommands::zrange(std::string_view key, long long start,
                                                   long long stop)
{
    return to_strings(run({"ZRANGE", key, Num(start), Num(stop)}));
}

std::vector<ScoredMember> SortedSetCommands::zrange_withscores(std::string_view key,
                                                               long long start, long long stop)
{
    return to_scored(run({"ZRANGE", key, Num(start), Num(stop), "WITHSCORES"}));
}

std::vector<std::string> SortedSetCommands::zrangebylex(std::string_view key, std::string_view min,
                                                        std::string_view max,
                                                        std::optional<Limit> limit)
{
    return to_strings(run_command(by_bounds("ZRANGEBYLEX", key, min, max, limit).span()));
}

std::vector<std::string> SortedSetCommands::zrangebyscore(std::string_view key,
                                                          const ScoreBound &min,
                                                          const ScoreBound &max,
                                                          std::optional<Limit> limit)
{
    return to_strings(
        run_command(by_bounds("ZRANGEBYSCORE", key, min.text(), max.text(), limit).span()));
}

std::vector<ScoredMember> SortedSetCommands::zrangebyscore_withscores(std::string_view key,
                                                                      const ScoreBound &min,
                                                                      const ScoreBound &max,
                                                                      std::optional<Limit> limit)
{
    return to_scored(
        run_command(by_bounds("ZRANGEBYSCORE", key, min.text(), max.text(), limit, true).span()));
}

std::optional<long long> SortedSetCommands::zrank(std::string_view key, std::string_view member)
{
    return to_opt_int(run({"ZRANK", key, member}));
}

long long SortedSetCommands::zrem(std::string_view key, const Args &members)
{
    return to_int(run_command(keyed("ZREM", key, members).span()));
}

long long SortedSetCommands::zremrangebylex(std::string_view key, std::string_view min,
                                            std::string_view max)
{
    return to_int(run({"ZREMRANGEBYLEX", key, min, max}));
}

long long SortedSetCommands::zremrangebyrank(std::string_view key, long long start, long long stop)
{
    return to_int(run({"ZREMRANGEBYRANK", key, Num(start), Num(stop)}));
}

long long SortedSetCommands::zremrangebyscore(std::string_view key, const ScoreBound &min,
                                              const ScoreBound &max)
{
    return to_int(run({"ZREMRANGEBYSCORE", key, min.text(), max.text()}));
}

std::vector<std::string> SortedSetCommands::zrevrange(std::string_view key, long long start,
                                                      long long stop)
{
    return to_strings(run({"ZREVRANGE", key, Num(start), Num(stop)}));
}

std::vector<ScoredMember> SortedSetCommands::zrevrange_withscores(std::string_view key,
                                                                  long long start, long long stop)
{
    return to_scored(run({"ZREVRANGE", key, Num(start), Num(stop), "WITHSCORES"}));
}

std::vector<std::string> SortedSetCommands::zrevrangebylex(std::string_view key,
                                                           std::string_view max,
                                                           std::string_view min,
                                                           std::optional<Limit> limit)
{
    return to_strings(run_command(by_bounds("ZREVRANGEBYLEX", key, max, min, limit).span()));
}

std::vector<std::string> SortedSetCommands::zrevrangebyscore(std::string_view key,
                                                             const ScoreBound &max,
                                                             const ScoreBound &min,
                                                             std::optional<Limit> limit)
{
    return to_strings(
        run_command(by_bounds("ZREVRANGEBYSCORE", key, max.text(), min.text(), limit).span()));
}

std::vector<ScoredMember> SortedSetCommands::zrevrangebyscore_withscores(std::string_view key,
                                                                         const ScoreBound &max,
                                                                         const ScoreBound &min,
                                                                         std::optional<Limit> limit)
{
    return to_scored(run_command(
        by_bounds("ZREVRANGEBYSCORE", key, max.text(), min.text(), limit, true).span()));
}

std::optional<long long> SortedSetCommands::zrevrank(std::string_view key, std::string_view member)
{
    return to_opt_int(run({"ZREVRANK", key, member}));
}

ScanResult<ScoredMember> SortedSetCommands::zscan(std::string_view key, std::uint64_t cursor,
                                                  const ScanOptions &options)
{
    return to_scan<ScoredMember>(run_command(key_scan("ZSCAN", key, cursor, options).span()),
                                 [](Reply &&items) { return to_scored(std::move(items)); });
}

std::optional<double> SortedSetCommands::zscore(std::string_view key, std::string_view member)
{
    return to_opt_double(run({"ZSCORE", key, member}));
}

std::vector<ScoredMember> SortedSetCommands::zunion_withscores(const Args &keys,
                                                               const std::vector<double> &weights,
                                                               Aggregate aggregate)
{
    Command c = numkeys("ZUNION", keys);
    add_weights(c, weights, aggregate);
    c.add("WITHSCORES");
    return to_scored(run_command(c.span()));
}

long long SortedSetCommands::zunionstore(std::string_view destination, const Args &keys,
                                         const std::vector<double> &weights, Aggregate aggregate)
{
    Command c = stored("ZUNIONSTORE", destination, keys);
    add_weights(c, weights, aggregate);
    return to_int(run_command(c.span()));
}

} // namespace diesel::redis
