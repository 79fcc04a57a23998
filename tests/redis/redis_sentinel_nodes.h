// SPDX-License-Identifier: MIT
// A real Sentinel setup for the tests: a primary, its replica and three Sentinels monitoring it
// as "mymaster", each a redis-server on a free port, stopped by the destructor.
#pragma once

#include "redis_server.h"

#include <diesel/redis/client.h>

#include <memory>
#include <string>
#include <vector>

namespace dtest {

class RedisSentinelNodes
{
public:
    /// Starts the primary, the replica and the Sentinels, then blocks the thread until the
    /// replica is in sync and every Sentinel knows the replica and the other Sentinels (so a
    /// failover can be authorised). Throws std::runtime_error with the logs when it cannot.
    RedisSentinelNodes();
    ~RedisSentinelNodes();

    /// The name the Sentinels monitor.
    static constexpr const char *master_name = "mymaster";
    RedisServer &primary() { return *m_primary; }
    RedisServer &replica() { return *m_replica; }
    /// Addresses of the Sentinels.
    std::vector<diesel::redis::RedisNode> sentinels() const;
    /// The port the first Sentinel names for the master now.
    std::uint16_t master_port() const;

private:
    std::unique_ptr<RedisServer> m_primary;
    std::unique_ptr<RedisServer> m_replica;
    std::vector<std::unique_ptr<RedisServer>> m_sentinels;
};

} // namespace dtest
