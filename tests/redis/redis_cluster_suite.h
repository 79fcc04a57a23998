// SPDX-License-Identifier: MIT
// The base of the Redis Cluster suites: a real six-node cluster started once for the program
// (redis_cluster_nodes.h), clients of it, and a clean end for each test.
#pragma once

#include "redis_cluster_nodes.h"

#include <diesel/redis/cluster.h>

#include <QObject>

#include <cstdint>
#include <memory>
#include <string>

namespace dtest {

/// Options for a cluster client that waits up to 60 s for the cluster to heal (a loaded machine).
diesel::redis::ClusterOptions patient_cluster_options();

/// The port of "host:port".
std::uint16_t port_of(const std::string &address);

/// The first of prefix0, prefix1, ... whose slot `cluster` says `primary` ("host:port") serves:
/// a key (or shard channel) on that node.
std::string key_on(const diesel::redis::RedisCluster &cluster, const std::string &primary,
                   const std::string &prefix);

/// Derive a cluster suite from it and declare its tests as private slots. It starts the cluster
/// in initTestCase(), stops it in cleanupTestCase() and checks that each test ended clean.
class RedisClusterSuite : public QObject
{
    Q_OBJECT

protected:
    /// A client of the cluster; construct it inside a Loop.
    diesel::redis::RedisCluster
    cluster(diesel::redis::ClusterOptions options = patient_cluster_options()) const;

    std::unique_ptr<RedisClusterNodes> m_cluster;

protected Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
};

} // namespace dtest
