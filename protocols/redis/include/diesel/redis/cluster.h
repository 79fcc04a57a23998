// SPDX-License-Identifier: MIT
// RedisCluster: the typed commands of RedisClient over a Redis Cluster. It learns which node
// serves which of the 16384 slots (CLUSTER SHARDS, or CLUSTER SLOTS on older servers), keeps one
// RedisClient (one request channel) per node and sends each command to the node of its key's
// slot, following MOVED and ASK and waiting out a failover.
//
//     diesel::redis::RedisCluster cluster({{"127.0.0.1", 7000}, {"127.0.0.1", 7001}});
//     cluster.set("user:{42}:name", "ada");
//     cluster.mget({"user:{42}:name", "user:{42}:mail"}); // one slot: one node
//     cluster.mget({"a", "b"});                          // CrossSlotError, nothing sent
#pragma once

#include <diesel/core/lock.h>
#include <diesel/core/types.h>
#include <diesel/redis/client.h>
#include <diesel/redis/commands/families.h>
#include <diesel/redis/export.h>
#include <diesel/redis/reply.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

class ClusterPipeline;

/// How a RedisCluster connects and how long it keeps trying.
struct DIESEL_REDIS_EXPORT ClusterOptions
{
    /// The options of every node connection (db must stay 0: a cluster has one database).
    RedisOptions node{};
    /// MOVED and ASK redirections one command may follow before it throws RedisError.
    int max_redirects = 5;
    /// How long one command keeps retrying, from its first failure, while the cluster heals
    /// (TRYAGAIN, CLUSTERDOWN, a node that cannot be reached, a primary being replaced); past it
    /// the last error is thrown.
    Seconds retry_window{20.0};
    /// Send read-only commands (GET, HGETALL, ...) to the slot's replicas, round robin, after
    /// READONLY; writes still go to the primary. Replica reads may lag the primary.
    bool read_from_replicas = false;
};

/// A multi-key command (MGET, SUNION, EVAL, a transaction, ...) whose keys hash to different
/// slots: no single node can run it. Thrown before anything is sent. Use a hash tag
/// ("{user42}:a", "{user42}:b") to keep keys that go together in one slot.
class DIESEL_REDIS_EXPORT CrossSlotError : public Error
{
public:
    /// Takes the message naming the command.
    using Error::Error;
};

/// A Redis Cluster client with RedisClient's typed methods. Construct it in a Loop; several
/// Loops may share it (each node's commands pipeline on that node's one connection).
class DIESEL_REDIS_EXPORT RedisCluster : public detail::CommandFamilies
{
public:
    /// Asks the seed nodes (the first that answers) for the slot map and connects to every
    /// primary: suspends the calling Loop. Throws ClientConnectionError when no seed answers.
    explicit RedisCluster(std::vector<RedisNode> seeds, ClusterOptions options = {});
    RedisCluster(const RedisCluster &) = delete;
    RedisCluster &operator=(const RedisCluster &) = delete;
    /// Closes every node connection; no Loop may still use the cluster.
    ~RedisCluster() override;

    /// The reply to one command given as words, routed by its keys: call({"GET", "k"}).
    /// Commands the client's table does not know are routed by COMMAND GETKEYS.
    Reply call(std::initializer_list<std::string_view> words);
    /// The reply to the command made of `words` (any range), routed as call().
    Reply command(const Args &words);
    /// A batch of commands split per node (one write per node) whose replies come back in the
    /// caller's order; with transaction = true every key must share one slot and the batch
    /// runs in MULTI/EXEC on that slot's primary.
    ClusterPipeline pipeline(bool transaction = false);
    /// SPUBLISH: publishes to a shard channel (the node of the channel's slot); returns how many
    /// subscribers of that shard received it.
    long long spublish(std::string_view channel, std::string_view message);

    /// Reloads the slot map now (the client also does it on MOVED and after losing a node).
    void refresh();
    /// The slot of `key` (hash tags honoured): 0..16383.
    static std::uint16_t slot_of(std::string_view key) noexcept;
    /// The primary serving `slot` now, as "host:port".
    std::string primary_of(std::uint16_t slot) const;
    /// The connection to the primary serving `key`'s slot (for commands the client cannot
    /// route, such as a WATCH ... MULTI by hand); connects if needed.
    RedisClient &node_for(std::string_view key);
    /// Every primary known from the last slot map, as "host:port".
    std::vector<std::string> primaries() const;
    /// Slot maps loaded so far (1 after the constructor); grows on MOVED and failovers.
    std::uint64_t map_loads() const noexcept { return m_epoch; }
    /// The options it was made with.
    const ClusterOptions &options() const noexcept { return m_options; }

protected:
    /// Routes one command and suspends the calling Loop until its reply.
    Reply run_command(std::span<const std::string_view> args) override;

private:
    friend class ClusterPipeline;
    struct Shard
    {
        std::string primary;               // "host:port"
        std::vector<std::string> replicas; // "host:port"
        RedisClient *client = nullptr;     // the primary's connection, once made
        std::size_t next_replica = 0;
    };
    // Where a command goes and whether it may be resent.
    struct Route
    {
        std::optional<std::uint16_t> slot; // none: keyless, any primary
        bool read_only = false;
        bool retry_safe = false;
        bool broadcast = false; // every primary
    };
    static constexpr std::uint16_t no_shard = 0xffff;

    // The route of a command from the table (or COMMAND GETKEYS); throws CrossSlotError.
    Route route_of(std::span<const std::string_view> args);
    // Runs a routed command with every retry (MOVED, ASK, TRYAGAIN, failover).
    Reply run_routed(std::span<const std::string_view> args, const Route &route);
    // Runs a keyless command on every primary; returns the first reply.
    Reply run_everywhere(std::span<const std::string_view> args, bool retry_safe);
    // The connection for `slot` (a replica when `replica` and one is known); any primary when
    // there is no slot.
    RedisClient &client_for(std::optional<std::uint16_t> slot, bool replica);
    // The connection to "host:port", made on first use.
    RedisClient &node(const std::string &address);
    // Reloads the map unless another Loop did since `seen` (the epoch the caller routed with);
    // a failure to reload is left to the caller's next attempt.
    void refresh_since(std::uint64_t seen);
    // Sleeps the calling Loop before the next attempt; false once past `deadline`.
    static bool back_off(Clock::time_point deadline, Clock::duration &delay);
    void load_map();
    // Points `slot` at `address` at once (MOVED), before the reloaded map agrees.
    void move_slot(std::uint16_t slot, const std::string &address);

    ClusterOptions m_options;
    std::vector<RedisNode> m_seeds;
    std::vector<Shard> m_shards;
    // On the heap: a Loop's stack is small. Index into m_shards per slot, or no_shard.
    std::vector<std::uint16_t> m_slot_shard;
    // Never erased while the cluster lives: a Loop may be inside a node's command.
    std::map<std::string, std::unique_ptr<RedisClient>> m_nodes;
    Lock m_refresh_lock{1, "redis cluster map"};
    Lock m_connect_lock{1, "redis cluster connect"};
    std::uint64_t m_epoch = 0;
    std::size_t m_next_any = 0;
    // Where the last command was found in the routing table: the next is often the same.
    std::size_t m_command_hint = 0;
};

/// Commands queued locally and sent by execute(): grouped per node (one write per node), replies
/// returned in the order the commands were queued. A command redirected meanwhile (MOVED, ASK)
/// is resent on its own. Typed methods only queue (empty results); a multi-key command whose
/// keys span slots throws CrossSlotError when queued.
class DIESEL_REDIS_EXPORT ClusterPipeline : public detail::CommandFamilies
{
public:
    /// An empty pipeline (also: RedisCluster::pipeline()).
    explicit ClusterPipeline(RedisCluster &cluster, bool transaction = false);
    /// Moves the queued commands.
    ClusterPipeline(ClusterPipeline &&) noexcept;
    ClusterPipeline &operator=(ClusterPipeline &&) noexcept;
    /// Drops queued commands: nothing is sent unless execute() was called.
    ~ClusterPipeline() override;

    /// Queues one command given as words; returns an empty Reply.
    Reply call(std::initializer_list<std::string_view> words);
    /// Queues the command made of `words`.
    Reply command(const Args &words);
    /// Number of queued commands.
    std::size_t size() const noexcept { return m_commands.size(); }
    /// True when nothing is queued.
    bool empty() const noexcept { return m_commands.empty(); }
    /// Sends every queued command and suspends the calling Loop until all replies came; the
    /// pipeline is then empty. raise_on_error: throw RedisError for the first error reply (after
    /// all replies), else return error replies in place. Throws ConnectionClosed when a node was
    /// lost with commands in flight that are not safe to resend (the others are resent).
    std::vector<Reply> execute(bool raise_on_error = true);
    /// Drops the queued commands.
    void reset() noexcept;

protected:
    /// Queues the command; returns a "QUEUED" status.
    Reply run_command(std::span<const std::string_view> args) override;

private:
    // A queued command: where its RESP lies in m_bytes, and where it goes.
    struct Queued
    {
        std::size_t begin;
        std::size_t end;
        RedisCluster::Route route;
    };
    std::vector<Reply> execute_transaction(bool raise_on_error);
    RedisCluster *m_cluster;
    bool m_transaction;
    // Every queued command formatted once, in order: one node's pipeline is sent as it is. Its
    // size is room to reuse; the commands end where the last one's `end` says.
    std::string m_bytes;
    std::vector<Queued> m_commands;
    // execute() and reset() calls: a command whose routing suspended (COMMAND GETKEYS) sees
    // whether the queue it was written into was taken meanwhile.
    std::uint64_t m_takes = 0;
};

} // namespace diesel::redis
