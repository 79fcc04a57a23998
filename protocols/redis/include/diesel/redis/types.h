// SPDX-License-Identifier: MIT
// Option structs and result types of the typed commands.
#pragma once

#include <diesel/core/types.h>
#include <diesel/redis/export.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace diesel::redis {

/// Options of SET: an expiry and a condition. SetOptions{.ttl = 10s, .nx = true}.
struct DIESEL_REDIS_EXPORT SetOptions
{
    std::optional<std::chrono::milliseconds> ttl{};            ///< PX: expire after this long
    std::optional<std::chrono::system_clock::time_point> at{}; ///< PXAT: expire at this time
    bool nx = false;                                           ///< only if the key does not exist
    bool xx = false;                                           ///< only if the key exists
    bool keepttl = false;                                      ///< keep the key's current expiry
};

/// The expiry GETEX sets: a ttl, a time, or persist (remove the expiry).
struct DIESEL_REDIS_EXPORT ExpiryOptions
{
    std::optional<std::chrono::milliseconds> ttl{};
    std::optional<std::chrono::system_clock::time_point> at{};
    bool persist = false;
};

/// The condition of EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (Redis 7).
enum class ExpireIf : std::uint8_t {
    Always, ///< no condition
    Nx,     ///< only if the key has no expiry
    Xx,     ///< only if the key has an expiry
    Gt,     ///< only if the new expiry is later
    Lt,     ///< only if the new expiry is earlier
};

/// Options of SCAN, SSCAN, HSCAN, ZSCAN.
struct DIESEL_REDIS_EXPORT ScanOptions
{
    std::string match{}; ///< MATCH pattern; empty: every element
    long long count = 0; ///< COUNT hint; 0: the server's default
    std::string type{};  ///< TYPE filter (SCAN only): "string", "list", ...
};

/// One page of a SCAN-family iteration: continue with `cursor` until it is 0.
template<class T>
struct ScanResult
{
    std::uint64_t cursor = 0;
    std::vector<T> items{};
};

/// Options of SORT.
struct DIESEL_REDIS_EXPORT SortOptions
{
    std::string by{};                                       ///< BY pattern
    std::optional<std::pair<long long, long long>> limit{}; ///< LIMIT offset count
    std::vector<std::string> get{};                         ///< GET patterns
    bool desc = false;
    bool alpha = false;
};

/// Which end of a list (LMOVE, BLMOVE, LMPOP).
enum class ListEnd : std::uint8_t { Left, Right };

/// Where LINSERT puts the element relative to the pivot.
enum class InsertWhere : std::uint8_t { Before, After };

/// A key and the value popped from it (BLPOP, BRPOP).
struct DIESEL_REDIS_EXPORT KeyValue
{
    std::string key{};
    std::string value{};
    bool operator==(const KeyValue &) const = default;
};

/// The key and the values popped from it (LMPOP, BLMPOP).
struct DIESEL_REDIS_EXPORT KeyValues
{
    std::string key{};
    std::vector<std::string> values{};
    bool operator==(const KeyValues &) const = default;
};

/// LIMIT offset count of the range commands.
struct DIESEL_REDIS_EXPORT Limit
{
    long long offset = 0;
    long long count = -1;
};

/// Options of ZADD.
struct DIESEL_REDIS_EXPORT ZAddOptions
{
    bool nx = false; ///< only add new members
    bool xx = false; ///< only update existing members
    bool gt = false; ///< only update when the new score is greater
    bool lt = false; ///< only update when the new score is less
    bool ch = false; ///< count changed members, not only added ones
};

/// How ZUNIONSTORE / ZINTERSTORE combine scores.
enum class Aggregate : std::uint8_t { Sum, Min, Max };

/// A member and its score.
using ScoredMember = std::pair<std::string, double>;

/// A member popped with its score from one of several keys (BZPOPMIN, BZPOPMAX).
struct DIESEL_REDIS_EXPORT KeyedMember
{
    std::string key{};
    std::string member{};
    double score = 0;
    bool operator==(const KeyedMember &) const = default;
};

/// BITCOUNT / BITPOS ranges count bytes or bits.
enum class BitUnit : std::uint8_t { Byte, Bit };

/// BITOP's operation.
enum class BitOp : std::uint8_t { And, Or, Xor, Not };

/// One entry of a stream: its id and its field/value pairs in order.
struct DIESEL_REDIS_EXPORT StreamEntry
{
    std::string id{};
    std::vector<std::pair<std::string, std::string>> fields{};
    bool operator==(const StreamEntry &) const = default;
};

/// The entries read from one stream (XREAD, XREADGROUP).
struct DIESEL_REDIS_EXPORT StreamMessages
{
    std::string stream{};
    std::vector<StreamEntry> entries{};
};

/// Options of XADD.
struct DIESEL_REDIS_EXPORT XAddOptions
{
    std::optional<long long> maxlen{}; ///< MAXLEN: trim to this many entries
    std::string minid{};               ///< MINID: trim entries older than this id
    bool approximate = false;          ///< "~": trim lazily (faster)
    bool nomkstream = false;           ///< do not create the stream
};

/// Options of XREAD and XREADGROUP.
struct DIESEL_REDIS_EXPORT XReadOptions
{
    std::optional<long long> count{};                 ///< at most this many entries per stream
    std::optional<std::chrono::milliseconds> block{}; ///< wait this long (0: forever) for entries
    bool noack = false;                               ///< XREADGROUP only: no pending entry
};

/// The summary form of XPENDING.
struct DIESEL_REDIS_EXPORT PendingSummary
{
    long long count = 0;
    std::string min_id{};
    std::string max_id{};
    std::vector<std::pair<std::string, long long>> consumers{}; ///< consumer, pending count
};

/// One pending entry (XPENDING with a range).
struct DIESEL_REDIS_EXPORT PendingEntry
{
    std::string id{};
    std::string consumer{};
    std::chrono::milliseconds idle{0};
    long long deliveries = 0;
};

/// The result of XAUTOCLAIM.
struct DIESEL_REDIS_EXPORT AutoClaimResult
{
    std::string next_id{};
    std::vector<StreamEntry> entries{};
    std::vector<std::string> deleted{};
};

} // namespace diesel::redis
