// SPDX-License-Identifier: MIT
// List commands, including the blocking pops (BLPOP, BRPOP, BLMOVE, BLMPOP, BRPOPLPUSH).
#pragma once

#include <diesel/core/types.h>
#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

/// The list commands. On a RedisClient each suspends the calling Loop until the reply came (a
/// blocking pop suspends only its Loop, up to its timeout); on a Pipeline or inside MULTI it is
/// queued and returns an empty value. A blocking timeout of 0 waits forever.
class DIESEL_REDIS_EXPORT ListCommands : public detail::CommandSink
{
public:
    /// BLMOVE: as lmove(), waiting up to `timeout` for an element; nullopt on timeout.
    std::optional<std::string> blmove(std::string_view source, std::string_view destination,
                                      ListEnd from, ListEnd to, Seconds timeout);
    /// BLMPOP: pops up to `count` elements from the first non-empty list, waiting up to
    /// `timeout`; nullopt on timeout.
    std::optional<KeyValues> blmpop(Seconds timeout, const Args &keys, ListEnd from,
                                    long long count = 1);
    /// BLPOP: pops the head of the first non-empty list, waiting up to `timeout`; returns the
    /// key and the value, or nullopt on timeout.
    std::optional<KeyValue> blpop(const Args &keys, Seconds timeout);
    /// BRPOP: as blpop() from the tail.
    std::optional<KeyValue> brpop(const Args &keys, Seconds timeout);
    /// BRPOPLPUSH: as rpoplpush(), waiting up to `timeout`.
    std::optional<std::string> brpoplpush(std::string_view source, std::string_view destination,
                                          Seconds timeout);
    /// LINDEX: the element at `index` (negative from the end), or nullopt.
    std::optional<std::string> lindex(std::string_view key, long long index);
    /// LINSERT: inserts before or after `pivot`; the new length, -1 without pivot, 0 without key.
    long long linsert(std::string_view key, InsertWhere where, std::string_view pivot,
                      std::string_view element);
    /// LLEN.
    long long llen(std::string_view key);
    /// LMOVE: pops from one end of `source` and pushes to one end of `destination`.
    std::optional<std::string> lmove(std::string_view source, std::string_view destination,
                                     ListEnd from, ListEnd to);
    /// LMPOP: pops up to `count` elements from the first non-empty list.
    std::optional<KeyValues> lmpop(const Args &keys, ListEnd from, long long count = 1);
    /// LPOP: the head, or nullopt when empty.
    std::optional<std::string> lpop(std::string_view key);
    /// LPOP with a count: up to `count` elements from the head.
    std::vector<std::string> lpop(std::string_view key, long long count);
    /// LPOS: the index of the `rank`-th match of `element` (negative rank: from the tail).
    std::optional<long long> lpos(std::string_view key, std::string_view element,
                                  long long rank = 1);
    /// LPOS ... COUNT: the indexes of up to `count` matches (0: all).
    std::vector<long long> lpos_count(std::string_view key, std::string_view element,
                                      long long count, long long rank = 1);
    /// LPUSH: pushes values to the head (the last ends up first); returns the new length.
    long long lpush(std::string_view key, const Args &values);
    /// LPUSHX: pushes only if the list exists.
    long long lpushx(std::string_view key, const Args &values);
    /// LRANGE: elements `start` to `stop` inclusive (negative from the end; 0, -1: all).
    std::vector<std::string> lrange(std::string_view key, long long start, long long stop);
    /// LREM: removes `count` occurrences (0: all; negative: from the tail); returns how many.
    long long lrem(std::string_view key, long long count, std::string_view element);
    /// LSET: sets the element at `index`.
    void lset(std::string_view key, long long index, std::string_view element);
    /// LTRIM: keeps only elements `start` to `stop`.
    void ltrim(std::string_view key, long long start, long long stop);
    /// RPOP: the tail, or nullopt when empty.
    std::optional<std::string> rpop(std::string_view key);
    /// RPOP with a count.
    std::vector<std::string> rpop(std::string_view key, long long count);
    /// RPOPLPUSH: pops the tail of `source` and pushes it to the head of `destination`.
    std::optional<std::string> rpoplpush(std::string_view source, std::string_view destination);
    /// RPUSH: pushes values to the tail; returns the new length.
    long long rpush(std::string_view key, const Args &values);
    /// RPUSHX: pushes only if the list exists.
    long long rpushx(std::string_view key, const Args &values);
};

} // namespace diesel::redis
