// SPDX-License-Identifier: MIT
// What a connected Redis item's Loops share (private to rediscontroller.cpp): the client (or the
// Cluster), the pub/sub hub and the messages not yet handed to the GUI. The Loops hold it until
// they unwind.
#pragma once

#include "rediscontroller.h"

#include <diesel/redis/client.h>
#include <diesel/redis/cluster.h>
#include <diesel/redis/subhub.h>

#include <memory>
#include <optional>
#include <vector>

namespace workbench {

struct RedisRuntime
{
    explicit RedisRuntime(RedisSpec s)
        : spec(std::move(s))
    {}
    const RedisSpec spec;
    std::optional<diesel::redis::RedisClient> client; ///< one server or Sentinels: once connected
    std::unique_ptr<diesel::redis::RedisCluster> cluster; ///< Cluster mode: once connected
    std::unique_ptr<diesel::redis::RedisSubHub> subhub;
    std::vector<RedisPubSubMessage> pending;
};

} // namespace workbench
