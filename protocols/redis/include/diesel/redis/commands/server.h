// SPDX-License-Identifier: MIT
// Server and connection commands (PING, ECHO, INFO, DBSIZE, FLUSHDB, SELECT, CONFIG, CLIENT,
// TIME, AUTH) and the publishing side of pub/sub (PUBLISH, PUBSUB).
#pragma once

#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace diesel::redis {

/// Server, connection and publish commands. On a RedisClient each suspends the calling Loop until
/// the reply came; on a Pipeline or inside MULTI it is queued and returns an empty value.
class DIESEL_REDIS_EXPORT ServerCommands : public detail::CommandSink
{
public:
    /// AUTH: authenticates (with a username for ACL users); a RedisClient remembers it for
    /// reconnecting.
    void auth(std::string_view password, std::string_view username = {});
    /// BGSAVE: starts a background save.
    void bgsave();
    /// CLIENT GETNAME.
    std::optional<std::string> client_getname();
    /// CLIENT ID: this connection's id.
    long long client_id();
    /// CLIENT LIST: one line per connection.
    std::string client_list();
    /// CLIENT SETNAME.
    void client_setname(std::string_view name);
    /// CONFIG GET: every parameter matching `pattern` with its value.
    std::unordered_map<std::string, std::string> config_get(std::string_view pattern);
    /// CONFIG RESETSTAT.
    void config_resetstat();
    /// CONFIG SET.
    void config_set(std::string_view parameter, std::string_view value);
    /// DBSIZE: the number of keys in the selected database.
    long long dbsize();
    /// ECHO.
    std::string echo(std::string_view message);
    /// FLUSHALL: deletes every key of every database (async: in the background).
    void flushall(bool async = false);
    /// FLUSHDB: deletes every key of the selected database.
    void flushdb(bool async = false);
    /// INFO: the server's report (of one section) as name -> value.
    std::unordered_map<std::string, std::string> info(std::string_view section = {});
    /// INFO as the server's text.
    std::string info_text(std::string_view section = {});
    /// LASTSAVE: the Unix time of the last successful save.
    long long lastsave();
    /// MEMORY USAGE: bytes a key and its value take, or nullopt without key.
    std::optional<long long> memory_usage(std::string_view key);
    /// PING: "PONG", or `message` when given.
    std::string ping(std::string_view message = {});
    /// PUBLISH: sends `message` to `channel`; returns how many subscribers got it.
    long long publish(std::string_view channel, std::string_view message);
    /// PUBSUB CHANNELS: active channels matching `pattern` (empty: all).
    std::vector<std::string> pubsub_channels(std::string_view pattern = {});
    /// PUBSUB NUMPAT: the number of pattern subscriptions.
    long long pubsub_numpat();
    /// PUBSUB NUMSUB: the number of subscribers of each channel.
    std::vector<std::pair<std::string, long long>> pubsub_numsub(const Args &channels);
    /// SELECT: switches database; a RedisClient remembers it for reconnecting.
    void select(int db);
    /// SWAPDB.
    void swapdb(int db1, int db2);
    /// TIME: the server's clock.
    std::chrono::system_clock::time_point time();
};

} // namespace diesel::redis
