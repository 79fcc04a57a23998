// SPDX-License-Identifier: MIT
#include "dieseltest.h"
#include "redis_cluster_suite.h"

#include <QTest>

namespace dtest {

diesel::redis::ClusterOptions patient_cluster_options()
{
    diesel::redis::ClusterOptions options;
    options.retry_window = diesel::Seconds(60.0);
    return options;
}

std::uint16_t port_of(const std::string &address)
{
    return static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
}

std::string key_on(const diesel::redis::RedisCluster &cluster, const std::string &primary,
                   const std::string &prefix)
{
    for (int i = 0;; ++i) {
        std::string key = prefix + std::to_string(i);
        if (cluster.primary_of(diesel::redis::RedisCluster::slot_of(key)) == primary)
            return key;
    }
}

diesel::redis::RedisCluster RedisClusterSuite::cluster(diesel::redis::ClusterOptions options) const
{
    return diesel::redis::RedisCluster(m_cluster->seeds(), std::move(options));
}

void RedisClusterSuite::initTestCase()
{
    try {
        m_cluster = std::make_unique<RedisClusterNodes>();
    } catch (const std::exception &e) {
        QFAIL(e.what());
    }
}

void RedisClusterSuite::cleanupTestCase()
{
    m_cluster.reset();
}

void RedisClusterSuite::cleanup()
{
    expect_clean();
}

} // namespace dtest
