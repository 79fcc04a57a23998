// SPDX-License-Identifier: MIT
// RedisShardedSubHub: sharded pub/sub (Redis 7 SSUBSCRIBE) over a Redis Cluster. A shard channel
// lives on the primary serving its slot; the hub keeps one subscriber connection per such node
// and follows the channel when its slot moves (resharding, failover).
//
//     diesel::redis::RedisCluster cluster({{"127.0.0.1", 7000}});
//     diesel::redis::RedisShardedSubHub subhub(cluster);
//     auto orders = subhub.sub({"{shop}:orders", "{shop}:refunds"}); // one slot
//     auto [chan, message] = orders.fetch();
//     cluster.spublish("{shop}:orders", "42"); // from any Loop
#pragma once

#include <diesel/redis/args.h>
#include <diesel/redis/export.h>
#include <diesel/redis/subhub.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace diesel::redis {

class RedisCluster;

namespace detail {
struct ShardedHubState;
}

/// Subscriptions to shard channels of a cluster, made and read as RedisSubHub's (Subscription,
/// fetch(), set_sink()). When a node drops a subscribed channel (its slot moved), refuses it
/// with MOVED or is lost, the hub reloads the cluster's slot map and subscribes at the new
/// owner; each message reaches a subscription once, but messages published while the slot
/// moves may be lost (Redis promises nothing for them).
class DIESEL_REDIS_EXPORT RedisShardedSubHub
{
public:
    /// A hub over `cluster`, which must outlive it (it reloads the cluster's slot map). Nothing
    /// connects before the first sub().
    explicit RedisShardedSubHub(RedisCluster &cluster, SubHubOptions options = {});
    RedisShardedSubHub(const RedisShardedSubHub &) = delete;
    RedisShardedSubHub &operator=(const RedisShardedSubHub &) = delete;
    /// Ends every node connection; subscriptions still alive see fetch() throw. If the hub is
    /// reloading the cluster's slot map, waits (in a Loop) for that to stop.
    ~RedisShardedSubHub();

    /// Subscribes to shard channels that all hash to one slot (use a hash tag; else
    /// CrossSlotError) on the node serving it; suspends the calling Loop until Redis confirmed
    /// them. Names are channels, never patterns. Throws TimeoutError after
    /// options.subscribe_timeout.
    Subscription sub(const Args &channels);
    /// Shard channels subscribed with Redis right now, over every node.
    std::vector<std::string> subscribed() const;
    /// The nodes ("host:port") it keeps a subscriber connection to.
    std::vector<std::string> nodes() const;
    /// Subscriptions moved to another node so far (slot moved, failover).
    std::uint64_t moves() const noexcept;

private:
    std::shared_ptr<detail::ShardedHubState> d;
};

} // namespace diesel::redis
