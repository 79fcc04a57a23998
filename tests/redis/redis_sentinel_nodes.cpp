// SPDX-License-Identifier: MIT
#include "redis_cluster_nodes.h"
#include "redis_sentinel_nodes.h"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace dtest {

namespace {

std::string cli(const RedisServer &server, std::vector<std::string> args)
{
    args.insert(args.begin(), {"-p", std::to_string(server.port())});
    return redis_cli(args);
}

// Lines of redis-cli's output for an array reply.
std::vector<std::string> lines_of(const std::string &text)
{
    std::vector<std::string> lines;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            lines.push_back(line);
    return lines;
}

} // namespace

RedisSentinelNodes::RedisSentinelNodes()
{
    m_primary = std::make_unique<RedisServer>();
    const std::string primary_port = std::to_string(m_primary->port());
    m_replica = std::make_unique<RedisServer>(
        std::vector<std::string>{"--replicaof", "127.0.0.1", primary_port});
    const std::string config = "sentinel monitor mymaster 127.0.0.1 " + primary_port +
                               " 2\n"
                               "sentinel down-after-milliseconds mymaster 2000\n"
                               "sentinel failover-timeout mymaster 10000\n";
    for (int i = 0; i < 3; ++i)
        m_sentinels.push_back(
            std::make_unique<RedisServer>(std::vector<std::string>{"--sentinel"}, config));

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    const auto ready = [&] {
        if (cli(*m_replica, {"info", "replication"}).find("master_link_status:up") ==
            std::string::npos)
            return false;
        for (const auto &sentinel : m_sentinels) {
            // The replica known and healthy: flags exactly "slave", its link to the master up.
            const auto replica = lines_of(cli(*sentinel, {"sentinel", "replicas", master_name}));
            const auto value = [&](const std::string &name) {
                const auto it = std::find(replica.begin(), replica.end(), name);
                return it != replica.end() && it + 1 != replica.end() ? *(it + 1) : std::string();
            };
            if (value("port") != std::to_string(m_replica->port()) || value("flags") != "slave" ||
                value("master-link-status") != "ok")
                return false;
            const auto others = lines_of(cli(*sentinel, {"sentinel", "sentinels", master_name}));
            int known = 0;
            for (const std::string &line : others)
                known += line == "runid";
            if (known < 2)
                return false;
        }
        return true;
    };
    while (!ready()) {
        if (std::chrono::steady_clock::now() > deadline) {
            std::string logs =
                "\n--- primary:\n" + m_primary->log() + "\n--- replica:\n" + m_replica->log();
            for (const auto &sentinel : m_sentinels)
                logs += "\n--- sentinel:\n" + sentinel->log();
            throw std::runtime_error("the Sentinels did not settle" + logs);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

RedisSentinelNodes::~RedisSentinelNodes() = default;

std::vector<diesel::redis::RedisNode> RedisSentinelNodes::sentinels() const
{
    std::vector<diesel::redis::RedisNode> nodes;
    for (const auto &sentinel : m_sentinels)
        nodes.push_back({sentinel->host(), sentinel->port()});
    return nodes;
}

std::uint16_t RedisSentinelNodes::master_port() const
{
    const auto lines =
        lines_of(cli(*m_sentinels.front(), {"sentinel", "get-master-addr-by-name", master_name}));
    return lines.size() == 2 ? static_cast<std::uint16_t>(std::stoi(lines[1])) : 0;
}

} // namespace dtest
