// SPDX-License-Identifier: MIT
// HyperLogLog (PFADD, PFCOUNT, PFMERGE) and bitmap commands (SETBIT, GETBIT, BITCOUNT, BITOP,
// BITPOS, BITFIELD).
#pragma once

#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <optional>
#include <string_view>
#include <vector>

namespace diesel::redis {

/// The HyperLogLog commands. On a RedisClient each suspends the calling Loop until the reply
/// came; on a Pipeline or inside MULTI it is queued and returns an empty value.
class DIESEL_REDIS_EXPORT HyperLogLogCommands : public detail::CommandSink
{
public:
    /// PFADD: adds elements; returns whether the estimate changed.
    bool pfadd(std::string_view key, const Args &elements);
    /// PFCOUNT: the estimated number of distinct elements (of the union of several keys).
    long long pfcount(const Args &keys);
    /// PFMERGE: merges `sources` into `destination`.
    void pfmerge(std::string_view destination, const Args &sources);
};

/// The bitmap commands, with the same suspension rules.
class DIESEL_REDIS_EXPORT BitmapCommands : public detail::CommandSink
{
public:
    /// BITCOUNT: the number of set bits in the whole string.
    long long bitcount(std::string_view key);
    /// BITCOUNT over a range of bytes (or bits with BitUnit::Bit).
    long long bitcount(std::string_view key, long long start, long long end,
                       BitUnit unit = BitUnit::Byte);
    /// BITFIELD: runs the operations given as words ({"INCRBY", "u8", "0", "1", "GET", ...});
    /// one result per GET/SET/INCRBY (nullopt on OVERFLOW FAIL).
    std::vector<std::optional<long long>> bitfield(std::string_view key, const Args &operations);
    /// BITOP: combines `keys` into `destination`; returns the result's length.
    long long bitop(BitOp op, std::string_view destination, const Args &keys);
    /// BITPOS: the first bit set to `bit`, optionally within a byte (or bit) range; -1 if none.
    long long bitpos(std::string_view key, bool bit, std::optional<long long> start = std::nullopt,
                     std::optional<long long> end = std::nullopt, BitUnit unit = BitUnit::Byte);
    /// GETBIT.
    bool getbit(std::string_view key, long long offset);
    /// SETBIT: returns the bit's old value.
    bool setbit(std::string_view key, long long offset, bool value);
};

} // namespace diesel::redis
