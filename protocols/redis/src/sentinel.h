// SPDX-License-Identifier: MIT
// A RedisClient made by RedisClient::from_sentinel(): where its server is found (the Sentinels
// and the master's name) and the watch on +switch-master that tells it to look again.
#pragma once

#include <diesel/redis/client.h>
#include <diesel/redis/subhub.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diesel::redis::detail {

struct SentinelSource
{
    std::vector<RedisNode> sentinels;
    std::string master;   // the name the Sentinels monitor
    SentinelRole role;    // the primary, or one of its replicas
    RedisOptions options; // for talking to the Sentinels: timeouts, TLS
    bool stale = false;   // a failover was announced: ask again before the next command
    std::size_t next_replica = 0;
    std::unique_ptr<RedisSubHub> hub; // subscribed to +switch-master on one Sentinel
    std::optional<Subscription> watch;
};

// Asks the Sentinels, in turn, where the master (or a healthy replica, else the master) is. Throws
// ClientConnectionError naming every Sentinel's failure when none answers.
RedisNode resolve(SentinelSource &source);

// Subscribes to +switch-master on the first Sentinel that answers; a switch of `source.master`
// marks the source stale. Without any Sentinel answering, the client still follows lost
// connections and READONLY errors.
void watch_switches(SentinelSource &source);

} // namespace diesel::redis::detail
