// SPDX-License-Identifier: MIT
#include "cluster_map.h"

#include <diesel/redis/error.h>

#include <algorithm>
#include <charconv>

namespace diesel::redis::detail {

namespace {

std::string address_of(const std::string &host, long long port)
{
    return host + ":" + std::to_string(port);
}

// A field of a flat name/value array (RESP2's form of a map); nullptr when absent.
const Reply *field(const Reply &map, std::string_view name)
{
    for (std::size_t i = 0; i + 1 < map.size(); i += 2)
        if (map[i].is_string() && map[i].str() == name)
            return &map[i + 1];
    return nullptr;
}

std::uint16_t slot_number(const Reply &r)
{
    const long long n = r.as_int();
    if (n < 0 || n > 16383)
        throw RedisProtocolError("cluster map: slot " + std::to_string(n) + " out of range");
    return static_cast<std::uint16_t>(n);
}

// A node of CLUSTER SHARDS: its address, its role and whether it failed.
struct ShardNode
{
    std::string address;
    bool primary = false;
    bool healthy = false;
};

ShardNode shard_node(const Reply &node)
{
    ShardNode n;
    const Reply *ip = field(node, "ip");
    const Reply *endpoint = field(node, "endpoint");
    const Reply *port = field(node, "port");
    const Reply *role = field(node, "role");
    const Reply *health = field(node, "health");
    if (!port || !role)
        throw RedisProtocolError("CLUSTER SHARDS: a node without port or role");
    // "endpoint" is what clients should use (a hostname when configured); "?" when unknown.
    std::string host = endpoint && endpoint->is_string() ? endpoint->str() : std::string();
    if ((host.empty() || host == "?") && ip)
        host = ip->str();
    n.address = address_of(host, port->as_int());
    n.primary = role->str() == "master";
    // "loading" also when the replica's offset has not been gossiped yet: such a replica is
    // used, and answers LOADING (the client then reads from the primary) if it truly loads.
    n.healthy = !health || health->str() != "fail";
    return n;
}

} // namespace

std::pair<std::string, std::uint16_t> split_address(const std::string &address)
{
    const auto colon = address.rfind(':');
    if (colon == std::string::npos)
        throw RedisProtocolError("cluster map: no port in \"" + address + "\"");
    std::uint16_t port = 0;
    const char *begin = address.data() + colon + 1;
    const char *end = address.data() + address.size();
    if (std::from_chars(begin, end, port).ptr != end)
        throw RedisProtocolError("cluster map: bad port in \"" + address + "\"");
    std::string host = address.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return {host, port};
}

std::vector<ShardInfo> parse_cluster_shards(const Reply &reply)
{
    std::vector<ShardInfo> shards;
    for (const Reply &shard : reply.elements()) {
        const Reply *slots = field(shard, "slots");
        const Reply *nodes = field(shard, "nodes");
        if (!slots || !nodes)
            throw RedisProtocolError("CLUSTER SHARDS: a shard without slots or nodes");
        if (slots->size() == 0)
            continue; // a shard serving no slot (a node being added) routes nothing
        ShardInfo info;
        for (std::size_t i = 0; i + 1 < slots->size(); i += 2)
            info.ranges.emplace_back(slot_number((*slots)[i]), slot_number((*slots)[i + 1]));
        std::string failed_primary;
        for (const Reply &node : nodes->elements()) {
            const ShardNode n = shard_node(node);
            if (n.primary && n.healthy)
                info.primary = n.address;
            else if (n.primary)
                failed_primary = n.address;
            else if (n.healthy)
                info.replicas.push_back(n.address);
        }
        // No healthy primary yet (a failover under way): keep routing to the old one, whose
        // errors make the caller wait and reload.
        if (info.primary.empty())
            info.primary = failed_primary;
        if (!info.primary.empty())
            shards.push_back(std::move(info));
    }
    return shards;
}

std::vector<ShardInfo> parse_cluster_slots(const Reply &reply)
{
    std::vector<ShardInfo> shards;
    for (const Reply &range : reply.elements()) {
        if (range.size() < 3)
            throw RedisProtocolError("CLUSTER SLOTS: a range without a node");
        const auto node_address = [](const Reply &node) {
            return address_of(node[0].str(), node[1].as_int());
        };
        const std::string primary = node_address(range[2]);
        auto it = std::find_if(shards.begin(), shards.end(),
                               [&](const ShardInfo &s) { return s.primary == primary; });
        if (it == shards.end()) {
            ShardInfo info;
            info.primary = primary;
            for (std::size_t i = 3; i < range.size(); ++i)
                info.replicas.push_back(node_address(range[i]));
            shards.push_back(std::move(info));
            it = shards.end() - 1;
        }
        it->ranges.emplace_back(slot_number(range[0]), slot_number(range[1]));
    }
    return shards;
}

} // namespace diesel::redis::detail
