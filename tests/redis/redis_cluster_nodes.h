// SPDX-License-Identifier: MIT
// A real Redis Cluster for the tests: six redis-server processes (three primaries, three
// replicas) on free ports, joined by `redis-cli --cluster create`, stopped by the destructor.
#pragma once

#include "redis_server.h"

#include <diesel/redis/client.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dtest {

/// Runs redis-cli with `args` and returns its output (stdout and stderr); blocks the thread, so
/// from a Loop call it through diesel::thread(). Throws std::runtime_error when it cannot start.
std::string redis_cli(const std::vector<std::string> &args);

class RedisClusterNodes
{
public:
    /// Starts `count` nodes with cluster-enabled and a short node timeout, creates the cluster
    /// with one replica per primary and blocks the thread until every node says cluster_state:ok.
    /// Throws std::runtime_error (with the nodes' logs) when it cannot.
    explicit RedisClusterNodes(int count = 6);
    /// Kills every node (SIGTERM, then SIGKILL) and removes their directories.
    ~RedisClusterNodes();

    /// Addresses of every node, as seeds for a RedisCluster.
    std::vector<diesel::redis::RedisNode> seeds() const;
    /// The node listening on `port`; throws std::runtime_error when none does.
    RedisServer &node(std::uint16_t port);
    /// All nodes, in start order.
    const std::vector<std::unique_ptr<RedisServer>> &nodes() const noexcept { return m_nodes; }
    /// The cluster node id of the node on `port` (CLUSTER MYID).
    std::string node_id(std::uint16_t port) const;
    /// Blocks until every running node says cluster_state:ok and agrees on who serves each slot
    /// (redis-cli --cluster check), for at most `seconds`; false on timeout.
    bool wait_healthy(int seconds = 60) const;

private:
    std::vector<std::unique_ptr<RedisServer>> m_nodes;
};

} // namespace dtest
