// SPDX-License-Identifier: MIT
// Generic key commands: DEL, EXISTS, EXPIRE, TTL, SCAN, KEYS, RENAME, TYPE, SORT, ...
#pragma once

#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

/// The generic key commands. On a RedisClient each suspends the calling Loop until the reply
/// came; on a Pipeline or inside MULTI it is queued and returns an empty value.
class DIESEL_REDIS_EXPORT KeyCommands : public detail::CommandSink
{
public:
    /// COPY: copies `source` to `destination`; false if the destination exists (and !replace).
    bool copy(std::string_view source, std::string_view destination, bool replace = false);
    /// DEL: deletes keys; returns how many existed. (`del` would be a fine name in Python.)
    long long del_(const Args &keys);
    /// DEL under another spelling.
    long long delete_(const Args &keys) { return del_(keys); }
    /// DUMP: the serialized value, for RESTORE.
    std::optional<std::string> dump(std::string_view key);
    /// EXISTS: how many of `keys` exist (a key named twice counts twice).
    long long exists(const Args &keys);
    /// EXPIRE: sets a ttl; returns whether it was set.
    bool expire(std::string_view key, std::chrono::seconds ttl, ExpireIf when = ExpireIf::Always);
    /// EXPIREAT: expires at a time (second resolution).
    bool expireat(std::string_view key, std::chrono::system_clock::time_point at,
                  ExpireIf when = ExpireIf::Always);
    /// EXPIRETIME: the expiry as a Unix time in seconds; -1 without expiry, -2 without key.
    long long expiretime(std::string_view key);
    /// KEYS: every key matching `pattern` (blocks the server on big databases: prefer scan()).
    std::vector<std::string> keys(std::string_view pattern = "*");
    /// MOVE: moves a key to database `db`; returns whether it moved.
    bool move(std::string_view key, int db);
    /// OBJECT ENCODING: "listpack", "hashtable", "int", ...; nullopt without key.
    std::optional<std::string> object_encoding(std::string_view key);
    /// OBJECT IDLETIME: seconds since last access; nullopt without key.
    std::optional<long long> object_idletime(std::string_view key);
    /// OBJECT REFCOUNT.
    std::optional<long long> object_refcount(std::string_view key);
    /// PERSIST: removes the expiry; returns whether there was one.
    bool persist(std::string_view key);
    /// PEXPIRE: sets a ttl in milliseconds.
    bool pexpire(std::string_view key, std::chrono::milliseconds ttl,
                 ExpireIf when = ExpireIf::Always);
    /// PEXPIREAT: expires at a time (millisecond resolution).
    bool pexpireat(std::string_view key, std::chrono::system_clock::time_point at,
                   ExpireIf when = ExpireIf::Always);
    /// PEXPIRETIME: the expiry as a Unix time in milliseconds; -1 / -2 as expiretime().
    long long pexpiretime(std::string_view key);
    /// PTTL: the ttl in milliseconds; -1 without expiry, -2 without key.
    long long pttl(std::string_view key);
    /// RANDOMKEY: a random key, or nullopt in an empty database.
    std::optional<std::string> randomkey();
    /// RENAME (throws RedisError when `key` does not exist).
    void rename(std::string_view key, std::string_view newkey);
    /// RENAMENX: renames only if `newkey` does not exist; returns whether it did.
    bool renamenx(std::string_view key, std::string_view newkey);
    /// RESTORE: creates `key` from DUMP output; ttl 0: no expiry.
    void restore(std::string_view key, std::chrono::milliseconds ttl, std::string_view serialized,
                 bool replace = false);
    /// SCAN: one page of keys from `cursor` (start and end at 0).
    ScanResult<std::string> scan(std::uint64_t cursor, const ScanOptions &options = {});
    /// SCAN repeated until the cursor is 0: every matching key, each once or more.
    std::vector<std::string> scan_all(const ScanOptions &options = {});
    /// SORT: the sorted elements of a list, set or sorted set.
    std::vector<std::string> sort(std::string_view key, const SortOptions &options = {});
    /// SORT ... STORE: stores the result; returns its length.
    long long sort_store(std::string_view key, std::string_view destination,
                         const SortOptions &options = {});
    /// TOUCH: updates the access time; returns how many keys exist.
    long long touch(const Args &keys);
    /// TTL: the ttl in seconds; -1 without expiry, -2 without key.
    long long ttl(std::string_view key);
    /// TYPE: "string", "list", "set", "zset", "hash", "stream", or "none".
    std::string type(std::string_view key);
    /// UNLINK: deletes keys, freeing memory in the background; returns how many existed.
    long long unlink(const Args &keys);
    /// WAIT: waits for `replicas` replicas to acknowledge the writes (timeout 0: forever);
    /// returns how many did.
    long long wait(long long replicas, std::chrono::milliseconds timeout);
};

} // namespace diesel::redis
