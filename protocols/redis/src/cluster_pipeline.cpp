// SPDX-License-Identifier: MIT
#include "client_io.h"
#include "client_state.h"
#include "format.h"

#include <diesel/core/detail/deadline.h>
#include <diesel/core/error.h>
#include <diesel/redis/cluster.h>
#include <diesel/redis/error.h>
#include <diesel/redis/pipeline.h>

#include <algorithm>
#include <cstring>
#include <exception>

namespace diesel::redis {

namespace {

// A reply that only says where the command should have gone (or to come back later): the
// command did not run and is resent on its own.
bool resend(const Reply &reply)
{
    if (!reply.is_error())
        return false;
    const std::string_view text = reply.str();
    const std::string_view prefix = text.substr(0, text.find(' '));
    return prefix == "MOVED" || prefix == "ASK" || prefix == "TRYAGAIN" ||
           prefix == "CLUSTERDOWN" || prefix == "READONLY" || prefix == "LOADING";
}

// The commands of one pipeline bound for one node, written before any reply is read so that
// the nodes work in parallel.
struct NodeBatch
{
    RedisClient *client;
    std::vector<std::size_t> commands; // positions in the caller's order
    RequestChannel::Ticket ticket;
};

// The words of the command queued at [begin, end) of `bytes` (for a resend, a transaction).
std::vector<std::string_view> words_at(std::string_view bytes, std::size_t begin, std::size_t end)
{
    return detail::command_words(bytes.substr(begin, end - begin));
}

} // namespace

ClusterPipeline::ClusterPipeline(RedisCluster &cluster, bool transaction)
    : m_cluster(&cluster)
    , m_transaction(transaction)
{}

ClusterPipeline::ClusterPipeline(ClusterPipeline &&) noexcept = default;
ClusterPipeline &ClusterPipeline::operator=(ClusterPipeline &&) noexcept = default;
ClusterPipeline::~ClusterPipeline() = default;

Reply ClusterPipeline::run_command(std::span<const std::string_view> args)
{
    if (args.empty())
        throw Error("a Redis command needs at least its name");
    const auto queued_end = [this] { return m_commands.empty() ? 0 : m_commands.back().end; };
    std::size_t begin = queued_end();
    std::size_t end = detail::put_command(m_bytes, begin, args);
    // A pipeline often repeats its last command (one read or write many times over): the same
    // bytes go the same way, so their route is not worked out again.
    if (!m_commands.empty()) {
        const Queued &last = m_commands.back();
        if (last.end - last.begin == end - begin &&
            std::memcmp(m_bytes.data() + last.begin, m_bytes.data() + begin, end - begin) == 0) {
            m_commands.push_back(Queued{begin, end, last.route});
            return Reply::status("QUEUED");
        }
    }
    const std::uint64_t takes = m_takes;
    RedisCluster::Route route = m_cluster->route_of(args); // CrossSlotError now, not later
    if (m_transaction && route.slot)
        for (const Queued &queued : m_commands)
            if (queued.route.slot && queued.route.slot != route.slot)
                throw CrossSlotError(detail::command_name(args) + ": slot " +
                                     std::to_string(*route.slot) + " differs from slot " +
                                     std::to_string(*queued.route.slot) +
                                     " of an earlier command; a cluster transaction runs on "
                                     "one slot's node: use a {hash tag}");
    if (m_takes != takes || queued_end() != begin) {
        // Routing by COMMAND GETKEYS suspended this Loop, and another queued commands here or
        // took the queue: the bytes written above are not where they belong.
        begin = queued_end();
        end = detail::put_command(m_bytes, begin, args);
    }
    m_commands.push_back(Queued{begin, end, route});
    return Reply::status("QUEUED");
}

Reply ClusterPipeline::call(std::initializer_list<std::string_view> words)
{
    return run_command(std::span<const std::string_view>(words.begin(), words.size()));
}

Reply ClusterPipeline::command(const Args &words)
{
    return run_command(words.items());
}

void ClusterPipeline::reset() noexcept
{
    ++m_takes;
    m_commands.clear(); // m_bytes is room: what lies there past the last command is stale
}

std::vector<Reply> ClusterPipeline::execute(bool raise_on_error)
{
    ++m_takes;
    if (m_transaction)
        return execute_transaction(raise_on_error);
    std::vector<Queued> commands;
    std::string bytes;
    commands.swap(m_commands);
    bytes.swap(m_bytes);
    RedisCluster &cluster = *m_cluster;
    std::vector<Reply> replies(commands.size());
    std::vector<std::size_t> alone; // resent one by one with the cluster's retries
    std::vector<NodeBatch> batches;
    // A command for the slot (and kind of node) of the one before it joins the same batch
    // without asking again: a pipeline's commands usually share their node.
    const Queued *previous = nullptr;
    std::size_t joined = 0; // the batch the command before joined
    for (std::size_t i = 0; i < commands.size(); ++i) {
        const RedisCluster::Route &route = commands[i].route;
        if (!previous || !route.slot || previous->route.slot != route.slot ||
            previous->route.read_only != route.read_only) {
            previous = nullptr;
            RedisClient *client = nullptr;
            try {
                client = &cluster.client_for(route.slot, route.read_only &&
                                                             cluster.m_options.read_from_replicas);
            } catch (const Error &) {
                alone.push_back(i); // no node for it now: the retries will find one
                continue;
            }
            joined = static_cast<std::size_t>(
                std::find_if(batches.begin(), batches.end(),
                             [&](const NodeBatch &b) { return b.client == client; }) -
                batches.begin());
            if (joined == batches.size()) {
                batches.push_back(NodeBatch{client, {}, {}});
                batches.back().commands.reserve(commands.size());
            }
            previous = &commands[i];
        }
        batches[joined].commands.push_back(i);
    }

    std::size_t lost = 0; // commands in flight on a lost connection, not safe to resend
    // The batch's commands from `first` on got no reply: resend what may be resent.
    const auto give_up = [&](const NodeBatch &batch, bool sent, std::size_t first) {
        for (std::size_t k = first; k < batch.commands.size(); ++k) {
            const std::size_t i = batch.commands[k];
            if (!sent || commands[i].route.retry_safe)
                alone.push_back(i);
            else
                ++lost;
        }
    };
    std::string spread; // one node's share of a pipeline that spans nodes
    for (NodeBatch &batch : batches) {
        // The whole pipeline goes to this node, as queued.
        std::string_view out(bytes.data(), commands.back().end);
        if (batch.commands.size() != commands.size()) {
            spread.clear();
            for (const std::size_t i : batch.commands)
                spread.append(bytes, commands[i].begin, commands[i].end - commands[i].begin);
            out = spread;
        }
        try {
            const RequestChannel::Hold turn = batch.client->d->channel->hold();
            batch.ticket = batch.client->send_under_turn(turn, out, batch.commands.size(), {});
        } catch (const ClientConnectionError &) {
            give_up(batch, false, 0);
        } catch (const ConnectionClosed &) {
            give_up(batch, true, 0);
        }
    }
    for (NodeBatch &batch : batches) {
        if (!batch.ticket)
            continue;
        std::size_t read = 0; // replies read in full
        bool lost_midway = false;
        try {
            // Each built in its place; a redirection is replaced below by the resent command's.
            detail::read_replies(*batch.client->d, batch.ticket, batch.commands.size(),
                                 [&](std::size_t k) -> Reply & {
                                     read = k;
                                     return replies[batch.commands[k]];
                                 });
            read = batch.commands.size();
            batch.ticket.finish();
        } catch (const ConnectionClosed &) {
            lost_midway = true;
        }
        for (std::size_t k = 0; k < read; ++k)
            if (resend(replies[batch.commands[k]]))
                alone.push_back(batch.commands[k]);
        if (lost_midway)
            give_up(batch, true, read); // after the redirected ones: resent in order
    }
    for (const std::size_t i : alone) {
        const std::vector<std::string_view> args =
            words_at(bytes, commands[i].begin, commands[i].end);
        try {
            replies[i] = cluster.run_routed(args, commands[i].route);
        } catch (const RedisError &e) {
            replies[i] = Reply::error(e.what());
        }
    }
    if (m_commands.empty()) {
        // Keep the buffers' capacity for the next batch.
        commands.clear();
        m_commands.swap(commands);
        m_bytes.swap(bytes);
    }
    if (lost > 0)
        throw ConnectionClosed("redis cluster: a node's connection was lost with " +
                               std::to_string(lost) +
                               " pipelined command(s) in flight that are not safe to send twice "
                               "(INCR, LPUSH, EVAL, ...); they may or may not have run");
    if (raise_on_error)
        for (const Reply &reply : replies)
            if (reply.is_error())
                throw RedisError(reply.str());
    return replies;
}

std::vector<Reply> ClusterPipeline::execute_transaction(bool raise_on_error)
{
    std::vector<Queued> commands = std::exchange(m_commands, {});
    const std::string bytes = std::exchange(m_bytes, {});
    if (commands.empty())
        return {};
    RedisCluster &cluster = *m_cluster;
    std::optional<std::uint16_t> slot;
    for (const Queued &queued : commands)
        slot = slot ? slot : queued.route.slot;
    const Clock::time_point deadline =
        Clock::now() + diesel::detail::duration_of(cluster.m_options.retry_window);
    Clock::duration delay = std::chrono::milliseconds(10);
    for (;;) {
        const std::uint64_t epoch = cluster.m_epoch;
        try {
            Pipeline transaction = cluster.client_for(slot, false).pipeline(true);
            for (const Queued &queued : commands)
                transaction.command(Args(words_at(bytes, queued.begin, queued.end)));
            return transaction.execute(raise_on_error);
        } catch (const RedisError &e) {
            // EXECABORT naming a MOVED/ASK/TRYAGAIN command: nothing ran; wait for the slot to
            // settle on one node. Any other refusal is the caller's.
            const std::string_view text = e.what();
            const bool redirected = text.find("MOVED ") != std::string_view::npos ||
                                    text.find("ASK ") != std::string_view::npos ||
                                    text.find("TRYAGAIN") != std::string_view::npos ||
                                    text.find("CLUSTERDOWN") != std::string_view::npos;
            if (!redirected || !RedisCluster::back_off(deadline, delay))
                throw;
        } catch (const ClientConnectionError &) {
            if (!RedisCluster::back_off(deadline, delay))
                throw;
        }
        cluster.refresh_since(epoch);
    }
}

} // namespace diesel::redis
