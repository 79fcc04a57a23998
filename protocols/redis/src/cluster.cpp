// SPDX-License-Identifier: MIT
#include "cluster_map.h"
#include "cluster_slots.h"
#include "format.h"

#include <diesel/core/detail/deadline.h>
#include <diesel/core/error.h>
#include <diesel/core/runtime.h>
#include <diesel/redis/cluster.h>
#include <diesel/redis/error.h>
#include <diesel/redis/pipeline.h>

#include <algorithm>
#include <charconv>
#include <mutex>

namespace diesel::redis {

namespace {

// "MOVED 3999 127.0.0.1:6381" / "ASK 3999 127.0.0.1:6381": the slot and the node.
std::pair<std::uint16_t, std::string> redirect_of(std::string_view text)
{
    const auto first = text.find(' ');
    const auto second = text.find(' ', first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos)
        throw RedisProtocolError("redis cluster: malformed redirection \"" + std::string(text) +
                                 "\"");
    std::uint16_t slot = 0;
    std::from_chars(text.data() + first + 1, text.data() + second, slot);
    return {slot, std::string(text.substr(second + 1))};
}

// Errors of a cluster that is healing: the command did not run, and trying again later works.
bool healing(std::string_view prefix) noexcept
{
    return prefix == "TRYAGAIN" || prefix == "CLUSTERDOWN" || prefix == "READONLY" ||
           prefix == "LOADING" || prefix == "MASTERDOWN";
}

std::string address_of(const RedisNode &node)
{
    return node.host + ":" + std::to_string(node.port);
}

} // namespace

RedisCluster::RedisCluster(std::vector<RedisNode> seeds, ClusterOptions options)
    : m_options(std::move(options))
    , m_seeds(std::move(seeds))
    , m_slot_shard(detail::cluster_slots, no_shard)
{
    if (m_options.read_from_replicas)
        m_options.node.readonly = true; // READONLY on a primary is harmless
    refresh();
    // Connected up front, so the first commands do not wait for connections.
    for (std::size_t i = 0; i < m_shards.size(); ++i) {
        try {
            m_shards[i].client = &node(m_shards[i].primary);
        } catch (const Error &) {
            // A primary down now is left to the commands' retries.
        }
    }
}

RedisCluster::~RedisCluster() = default;

std::uint16_t RedisCluster::slot_of(std::string_view key) noexcept
{
    return detail::key_slot(key);
}

Reply RedisCluster::call(std::initializer_list<std::string_view> words)
{
    return run_command(std::span<const std::string_view>(words.begin(), words.size()));
}

Reply RedisCluster::command(const Args &words)
{
    return run_command(words.items());
}

long long RedisCluster::spublish(std::string_view channel, std::string_view message)
{
    return call({"SPUBLISH", channel, message}).integer();
}

Reply RedisCluster::run_command(std::span<const std::string_view> args)
{
    if (args.empty())
        throw Error("a Redis command needs at least its name");
    const Route route = route_of(args);
    return route.broadcast ? run_everywhere(args, route.retry_safe) : run_routed(args, route);
}

RedisCluster::Route RedisCluster::route_of(std::span<const std::string_view> args)
{
    detail::CommandKeys keys = detail::command_keys(args, m_command_hint);
    Route route{std::nullopt, keys.read_only, keys.retry_safe, keys.broadcast};
    if (!keys.known) {
        // The server knows every command's keys; a keyless or unknown one goes anywhere.
        std::vector<std::string_view> getkeys{"COMMAND", "GETKEYS"};
        getkeys.insert(getkeys.end(), args.begin(), args.end());
        std::vector<std::string> asked;
        try {
            asked = client_for(std::nullopt, false).run_command(getkeys).as_strings();
        } catch (const RedisError &) {
            return route; // "no key arguments" or an unknown command: the server will say
        }
        for (const std::string &key : asked)
            keys.slots.add(key);
    }
    if (keys.slots.count == 0)
        return route;
    if (keys.slots.other)
        throw CrossSlotError(detail::command_name(args) + ": its keys hash to different slots (" +
                             std::to_string(keys.slots.first) + " and " +
                             std::to_string(*keys.slots.other) +
                             "); a cluster runs it only when all keys share a slot: use a "
                             "{hash tag}");
    route.slot = keys.slots.first;
    return route;
}

bool RedisCluster::back_off(Clock::time_point deadline, Clock::duration &delay)
{
    if (Clock::now() >= deadline)
        return false;
    diesel::sleep(std::min(delay, deadline - Clock::now()));
    delay = std::min<Clock::duration>(delay * 2, std::chrono::milliseconds(500));
    return true;
}

Reply RedisCluster::run_routed(std::span<const std::string_view> args, const Route &route)
{
    Clock::duration delay = std::chrono::milliseconds(10);
    // Set by the first retry: a command that needs none (nearly all) reads no clock here.
    std::optional<Clock::time_point> deadline;
    const auto retry = [&] {
        if (!deadline)
            deadline = Clock::now() + diesel::detail::duration_of(m_options.retry_window);
        return back_off(*deadline, delay);
    };
    int hops = 0;
    std::string ask; // the node an ASK sent the command to
    // A replica that fails a read (loading, unreachable) leaves the retries to the primary.
    bool replica = route.read_only && m_options.read_from_replicas;
    for (;;) {
        const std::uint64_t epoch = m_epoch;
        try {
            if (!ask.empty()) {
                // ASKING and the command in one write: no other Loop's command can come
                // between them on the shared connection.
                Pipeline asking = node(std::exchange(ask, {})).pipeline();
                asking.call({"ASKING"});
                asking.command(Args(args));
                std::vector<Reply> replies = asking.execute(false);
                if (replies.at(1).is_error())
                    throw RedisError(replies[1].str());
                return std::move(replies[1]);
            }
            return client_for(route.slot, replica).run_command(args);
        } catch (const RedisError &e) {
            const std::string_view prefix = e.prefix();
            if (prefix == "MOVED" || prefix == "ASK") {
                if (++hops > m_options.max_redirects)
                    throw RedisError(std::string(e.what()) + " (" + detail::command_name(args) +
                                     " redirected " + std::to_string(hops) +
                                     " times; ClusterOptions::max_redirects)");
                auto [slot, address] = redirect_of(e.what());
                if (prefix == "ASK") {
                    ask = std::move(address);
                } else {
                    refresh_since(epoch);
                    move_slot(slot, address);
                }
                continue;
            }
            if (!healing(prefix) || !retry())
                throw;
            replica = false;
            if (prefix != "TRYAGAIN")
                refresh_since(epoch);
        } catch (const ClientConnectionError &) {
            // Not sent: the node is down. Wait for the cluster to replace it.
            if (!retry())
                throw;
            replica = false;
            refresh_since(epoch);
        } catch (const ConnectionClosed &) {
            // Sent, and maybe run: only a command that may run twice is sent again.
            if (!route.retry_safe || !retry())
                throw;
            replica = false;
            refresh_since(epoch);
        }
    }
}

Reply RedisCluster::run_everywhere(std::span<const std::string_view> args, bool retry_safe)
{
    std::optional<Reply> first;
    for (const std::string &address : primaries()) {
        Reply reply = node(address).run_command(args);
        if (!first)
            first = std::move(reply);
    }
    if (!first)
        return run_routed(args, Route{std::nullopt, false, retry_safe, false});
    return std::move(*first);
}

RedisClient &RedisCluster::client_for(std::optional<std::uint16_t> slot, bool replica)
{
    if (m_shards.empty())
        throw RedisError("CLUSTERDOWN the client knows no node serving slots yet");
    std::size_t index = 0;
    if (slot) {
        index = m_slot_shard[*slot];
        if (index == no_shard)
            throw RedisError("CLUSTERDOWN slot " + std::to_string(*slot) +
                             " is served by no node in the client's map");
    } else {
        index = m_next_any++ % m_shards.size();
    }
    Shard &shard = m_shards[index];
    if (replica && !shard.replicas.empty())
        return node(shard.replicas[shard.next_replica++ % shard.replicas.size()]);
    if (shard.client)
        return *shard.client;
    const std::string address = shard.primary;
    RedisClient &client = node(address); // may suspend: the map may be replaced meanwhile
    if (index < m_shards.size() && m_shards[index].primary == address)
        m_shards[index].client = &client;
    return client;
}

RedisClient &RedisCluster::node(const std::string &address)
{
    if (const auto it = m_nodes.find(address); it != m_nodes.end())
        return *it->second;
    // One Loop connects to a node; the others wait for that connection.
    std::lock_guard connecting(m_connect_lock);
    if (const auto it = m_nodes.find(address); it != m_nodes.end())
        return *it->second;
    const auto [host, port] = detail::split_address(address);
    auto client = std::make_unique<RedisClient>(host, port, m_options.node);
    return *m_nodes.emplace(address, std::move(client)).first->second;
}

void RedisCluster::refresh()
{
    std::lock_guard loading(m_refresh_lock);
    load_map();
}

void RedisCluster::refresh_since(std::uint64_t seen)
{
    std::lock_guard loading(m_refresh_lock);
    if (m_epoch != seen)
        return; // another Loop reloaded it after this one routed
    try {
        load_map();
    } catch (const Error &) {
        // No node answered right now; the caller's next attempt tries again.
    }
}

void RedisCluster::load_map()
{
    // Known primaries first (they know the newest map), then replicas, then the seeds.
    std::vector<std::string> candidates;
    for (const Shard &shard : m_shards)
        candidates.push_back(shard.primary);
    for (const Shard &shard : m_shards)
        candidates.insert(candidates.end(), shard.replicas.begin(), shard.replicas.end());
    for (const RedisNode &seed : m_seeds)
        candidates.push_back(address_of(seed));
    std::string failures;
    for (const std::string &address : candidates) {
        std::vector<detail::ShardInfo> shards;
        try {
            RedisClient &client = node(address);
            try {
                shards = detail::parse_cluster_shards(client.call({"CLUSTER", "SHARDS"}));
            } catch (const RedisError &) {
                shards = detail::parse_cluster_slots(client.call({"CLUSTER", "SLOTS"}));
            }
        } catch (const Error &e) {
            failures += std::string(failures.empty() ? "" : "; ") + address + ": " + e.what();
            continue;
        }
        if (shards.empty()) {
            failures += std::string(failures.empty() ? "" : "; ") + address + ": no slots served";
            continue;
        }
        std::vector<Shard> installed;
        std::fill(m_slot_shard.begin(), m_slot_shard.end(), no_shard);
        for (detail::ShardInfo &info : shards) {
            Shard shard{std::move(info.primary), std::move(info.replicas), nullptr, 0};
            if (const auto it = m_nodes.find(shard.primary); it != m_nodes.end())
                shard.client = it->second.get();
            for (const auto &[first, last] : info.ranges)
                std::fill(m_slot_shard.begin() + first, m_slot_shard.begin() + last + 1,
                          static_cast<std::uint16_t>(installed.size()));
            installed.push_back(std::move(shard));
        }
        m_shards = std::move(installed);
        ++m_epoch;
        return;
    }
    throw ClientConnectionError("redis cluster: no node gave the slot map (" + failures + ")");
}

void RedisCluster::move_slot(std::uint16_t slot, const std::string &address)
{
    auto it = std::find_if(m_shards.begin(), m_shards.end(),
                           [&](const Shard &shard) { return shard.primary == address; });
    if (it == m_shards.end()) {
        m_shards.push_back(Shard{address, {}, nullptr, 0});
        it = m_shards.end() - 1;
    }
    m_slot_shard[slot] = static_cast<std::uint16_t>(it - m_shards.begin());
}

std::string RedisCluster::primary_of(std::uint16_t slot) const
{
    const std::uint16_t index = m_slot_shard.at(slot);
    return index == no_shard ? std::string() : m_shards[index].primary;
}

RedisClient &RedisCluster::node_for(std::string_view key)
{
    return client_for(detail::key_slot(key), false);
}

std::vector<std::string> RedisCluster::primaries() const
{
    std::vector<std::string> result;
    for (const Shard &shard : m_shards)
        if (std::find(result.begin(), result.end(), shard.primary) == result.end())
            result.push_back(shard.primary);
    return result;
}

ClusterPipeline RedisCluster::pipeline(bool transaction)
{
    return ClusterPipeline(*this, transaction);
}

} // namespace diesel::redis
