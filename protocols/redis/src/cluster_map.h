// SPDX-License-Identifier: MIT
// Reading a cluster's slot map from CLUSTER SHARDS (Redis 7) or CLUSTER SLOTS (older servers).
#pragma once

#include <diesel/redis/reply.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace diesel::redis::detail {

// One primary with its replicas and the slot ranges it serves. Addresses are "host:port".
struct ShardInfo
{
    std::string primary;
    std::vector<std::string> replicas;
    std::vector<std::pair<std::uint16_t, std::uint16_t>> ranges; // first, last (inclusive)
};

// The shards of a CLUSTER SHARDS reply that serve slots; a failed node is left out (a primary
// that failed but is still listed as one loses to the healthy primary of its shard). Throws
// RedisProtocolError on a reply of another shape.
std::vector<ShardInfo> parse_cluster_shards(const Reply &reply);

// The shards of a CLUSTER SLOTS reply (one entry per slot range; ranges of one primary merged).
std::vector<ShardInfo> parse_cluster_slots(const Reply &reply);

// Splits "host:port" (the last colon, so IPv6 hosts work).
std::pair<std::string, std::uint16_t> split_address(const std::string &address);

} // namespace diesel::redis::detail
