// SPDX-License-Identifier: MIT
// Stream commands: XADD, XRANGE, XREAD, consumer groups (XGROUP, XREADGROUP, XACK, XPENDING,
// XCLAIM, XAUTOCLAIM), XLEN, XDEL, XTRIM.
#pragma once

#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

/// The stream commands. On a RedisClient each suspends the calling Loop until the reply came (an
/// XREAD with block waits only its Loop); on a Pipeline or inside MULTI it is queued and returns
/// an empty value.
class DIESEL_REDIS_EXPORT StreamCommands : public detail::CommandSink
{
public:
    /// XACK: acknowledges entries; returns how many were pending.
    long long xack(std::string_view key, std::string_view group, const Args &ids);
    /// XADD: appends an entry (id "*": the server makes one); returns its id ("" when
    /// nomkstream found no stream).
    std::string xadd(std::string_view key, const Pairs &fields, std::string_view id = "*",
                     const XAddOptions &options = {});
    /// XAUTOCLAIM: claims entries idle for at least `min_idle`, scanning from `start`.
    AutoClaimResult xautoclaim(std::string_view key, std::string_view group,
                               std::string_view consumer, std::chrono::milliseconds min_idle,
                               std::string_view start = "0-0", long long count = 100);
    /// XCLAIM: takes over pending entries idle for at least `min_idle`.
    std::vector<StreamEntry> xclaim(std::string_view key, std::string_view group,
                                    std::string_view consumer, std::chrono::milliseconds min_idle,
                                    const Args &ids);
    /// XDEL: deletes entries; returns how many existed.
    long long xdel(std::string_view key, const Args &ids);
    /// XGROUP CREATE: a consumer group reading from `id` ("$": new entries only).
    void xgroup_create(std::string_view key, std::string_view group, std::string_view id = "$",
                       bool mkstream = false);
    /// XGROUP CREATECONSUMER: returns whether it was created.
    bool xgroup_createconsumer(std::string_view key, std::string_view group,
                               std::string_view consumer);
    /// XGROUP DELCONSUMER: returns how many entries it had pending.
    long long xgroup_delconsumer(std::string_view key, std::string_view group,
                                 std::string_view consumer);
    /// XGROUP DESTROY: returns whether the group existed.
    bool xgroup_destroy(std::string_view key, std::string_view group);
    /// XGROUP SETID: moves the group's last-delivered id.
    void xgroup_setid(std::string_view key, std::string_view group, std::string_view id);
    /// XLEN: the number of entries.
    long long xlen(std::string_view key);
    /// XPENDING: the summary of a group's pending entries.
    PendingSummary xpending(std::string_view key, std::string_view group);
    /// XPENDING with a range: up to `count` pending entries between `start` and `end`,
    /// optionally of one consumer.
    std::vector<PendingEntry> xpending_range(std::string_view key, std::string_view group,
                                             std::string_view start, std::string_view end,
                                             long long count, std::string_view consumer = {});
    /// XRANGE: entries from `start` to `end` ("-" and "+": the ends), at most `count`.
    std::vector<StreamEntry> xrange(std::string_view key, std::string_view start = "-",
                                    std::string_view end = "+",
                                    std::optional<long long> count = std::nullopt);
    /// XREAD: entries after the given id of each stream ({{"s1", "0"}, {"s2", "$"}}); with
    /// options.block waits that long for new ones. Empty when none came.
    std::vector<StreamMessages> xread(const Pairs &streams_ids, const XReadOptions &options = {});
    /// XREADGROUP: as xread() for consumer `consumer` of `group` (id ">": never delivered).
    std::vector<StreamMessages> xreadgroup(std::string_view group, std::string_view consumer,
                                           const Pairs &streams_ids,
                                           const XReadOptions &options = {});
    /// XREVRANGE: as xrange() from the newest; note the order: end first.
    std::vector<StreamEntry> xrevrange(std::string_view key, std::string_view end = "+",
                                       std::string_view start = "-",
                                       std::optional<long long> count = std::nullopt);
    /// XTRIM MAXLEN: trims to about (approximate) or exactly `maxlen` entries; returns how many
    /// were removed.
    long long xtrim(std::string_view key, long long maxlen, bool approximate = false);
};

} // namespace diesel::redis
