// SPDX-License-Identifier: MIT
#include "sentinel.h"

#include <diesel/core/error.h>
#include <diesel/redis/error.h>

namespace diesel::redis::detail {

namespace {

RedisNode node_of(const std::string &host, const std::string &port)
{
    return RedisNode{host, static_cast<std::uint16_t>(std::stoi(port))};
}

// A replica the Sentinel does not consider down or disconnected.
std::vector<RedisNode> healthy_replicas(const Reply &replicas)
{
    std::vector<RedisNode> result;
    for (const Reply &entry : replicas) {
        std::unordered_map<std::string, std::string> fields = Reply(entry).as_map();
        const std::string &flags = fields["flags"];
        if (flags.find("s_down") != std::string::npos ||
            flags.find("o_down") != std::string::npos ||
            flags.find("disconnected") != std::string::npos ||
            fields["master-link-status"] == "err")
            continue;
        result.push_back(node_of(fields["ip"], fields["port"]));
    }
    return result;
}

} // namespace

RedisNode resolve(SentinelSource &source)
{
    std::string failures;
    for (const RedisNode &sentinel : source.sentinels) {
        try {
            RedisClient client(sentinel.host, sentinel.port, source.options);
            if (source.role == SentinelRole::Replica) {
                const std::vector<RedisNode> replicas =
                    healthy_replicas(client.call({"SENTINEL", "REPLICAS", source.master}));
                // No healthy replica: the primary serves the reads meanwhile.
                if (!replicas.empty())
                    return replicas[source.next_replica++ % replicas.size()];
            }
            const Reply address =
                client.call({"SENTINEL", "GET-MASTER-ADDR-BY-NAME", source.master});
            if (address.size() != 2)
                throw Error("does not know " + source.master);
            return node_of(address[0].str(), address[1].str());
        } catch (const Error &e) {
            failures += (failures.empty() ? "" : "; ") + sentinel.host + ":" +
                        std::to_string(sentinel.port) + ": " + e.what();
        }
    }
    throw ClientConnectionError("redis sentinel: no Sentinel gave the address of " + source.master +
                                " (" + failures + ")");
}

void watch_switches(SentinelSource &source)
{
    for (const RedisNode &sentinel : source.sentinels) {
        SubHubOptions options;
        options.connect_timeout = source.options.connect_timeout;
        options.tls = source.options.tls;
        auto hub = std::make_unique<RedisSubHub>(sentinel.host, sentinel.port, options);
        try {
            Subscription watch = hub->sub({"+switch-master"});
            // "<name> <old ip> <old port> <new ip> <new port>"; the sink must not suspend, so
            // it only marks the source: the next command asks again.
            watch.set_sink([&source](Message &&message) {
                if (message.message.starts_with(source.master + " "))
                    source.stale = true;
            });
            source.hub = std::move(hub);
            source.watch.emplace(std::move(watch));
            return;
        } catch (const Error &) {
            // This Sentinel is down: try the next.
        }
    }
}

} // namespace diesel::redis::detail
