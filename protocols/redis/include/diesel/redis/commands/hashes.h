// SPDX-License-Identifier: MIT
// Hash commands: HSET, HGET, HGETALL, HINCRBY, HSCAN, ...
#pragma once

#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace diesel::redis {

/// The hash commands. On a RedisClient each suspends the calling Loop until the reply came; on
/// a Pipeline or inside MULTI it is queued and returns an empty value.
class DIESEL_REDIS_EXPORT HashCommands : public detail::CommandSink
{
public:
    /// HDEL: removes fields; returns how many were there.
    long long hdel(std::string_view key, const Args &fields);
    /// HEXISTS.
    bool hexists(std::string_view key, std::string_view field);
    /// HGET: a field's value, or nullopt.
    std::optional<std::string> hget(std::string_view key, std::string_view field);
    /// HGETALL: every field and value.
    std::unordered_map<std::string, std::string> hgetall(std::string_view key);
    /// HINCRBY: adds to an integer field; returns the new value.
    long long hincrby(std::string_view key, std::string_view field, long long by);
    /// HINCRBYFLOAT.
    double hincrbyfloat(std::string_view key, std::string_view field, double by);
    /// HKEYS: every field.
    std::vector<std::string> hkeys(std::string_view key);
    /// HLEN: the number of fields.
    long long hlen(std::string_view key);
    /// HMGET: the value of each field (nullopt for missing ones), in order.
    std::vector<std::optional<std::string>> hmget(std::string_view key, const Args &fields);
    /// HMSET (deprecated by the server in favour of hset with pairs, kept for old code).
    void hmset(std::string_view key, const Pairs &field_values);
    /// HRANDFIELD: a random field.
    std::optional<std::string> hrandfield(std::string_view key);
    /// HRANDFIELD with a count (negative: may repeat).
    std::vector<std::string> hrandfield(std::string_view key, long long count);
    /// HRANDFIELD ... WITHVALUES.
    std::vector<std::pair<std::string, std::string>> hrandfield_withvalues(std::string_view key,
                                                                           long long count);
    /// HSCAN: one page of fields and values from `cursor`.
    ScanResult<std::pair<std::string, std::string>>
    hscan(std::string_view key, std::uint64_t cursor, const ScanOptions &options = {});
    /// HSET: sets one field; returns 1 if it is new.
    long long hset(std::string_view key, std::string_view field, std::string_view value);
    /// HSET with several pairs: returns how many fields are new.
    long long hset(std::string_view key, const Pairs &field_values);
    /// HSETNX: sets a field only if absent; returns whether it did.
    bool hsetnx(std::string_view key, std::string_view field, std::string_view value);
    /// HSTRLEN: the length of a field's value.
    long long hstrlen(std::string_view key, std::string_view field);
    /// HVALS: every value.
    std::vector<std::string> hvals(std::string_view key);
};

} // namespace diesel::redis
