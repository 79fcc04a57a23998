// SPDX-License-Identifier: MIT
// What a connected Redis item's Loops share (private to rediscontroller.cpp): the client, the
// pub/sub hub and the messages not yet handed to the GUI. The Loops hold it until they unwind.
#pragma once

#include "rediscontroller.h"

#include <diesel/redis/client.h>
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
    std::optional<diesel::redis::RedisClient> client; ///< set once connected
    std::unique_ptr<diesel::redis::RedisSubHub> subhub;
    std::vector<RedisPubSubMessage> pending;
};

} // namespace workbench
