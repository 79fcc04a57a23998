// SPDX-License-Identifier: MIT
#include "cluster_map.h"
#include "cluster_slots.h"
#include "logging.h"
#include "subhub_p.h"

#include <diesel/core/error.h>
#include <diesel/core/event.h>
#include <diesel/core/hub.h>
#include <diesel/core/loop.h>
#include <diesel/core/runtime.h>
#include <diesel/redis/cluster.h>
#include <diesel/redis/sharded_subhub.h>

#include <algorithm>
#include <exception>
#include <map>
#include <utility>

namespace diesel::redis {

namespace detail {

// A RedisShardedSubHub: one SubHubState (in sharded mode) per node, and the mover Loop that
// follows channels whose slot went elsewhere.
struct ShardedHubState
{
    RedisCluster *cluster = nullptr;
    SubHubOptions options;
    std::map<std::string, std::shared_ptr<SubHubState>> nodes; // by "host:port"
    Event lost{"redis sharded subhub moved"};                  // set by a node's reader
    Hub *hub = nullptr;
    LoopId mover = 0;
    bool refreshing = false; // the mover is inside cluster->refresh()
    bool closed = false;
    std::uint64_t moves = 0;
};

namespace {

std::shared_ptr<SubHubState> node_state(ShardedHubState &hub, const std::string &address)
{
    std::shared_ptr<SubHubState> &state = hub.nodes[address];
    if (!state) {
        state = std::make_shared<SubHubState>();
        std::tie(state->host, state->port) = split_address(address);
        state->options = hub.options;
        state->sharded = true;
        state->label = "redis sharded subhub " + address;
        state->on_lost = [&lost = hub.lost] { lost.set(); };
    }
    start_reader(state);
    return state;
}

// Moves a subscriber from a node that lost its channels' slot to the slot's new primary.
void move(ShardedHubState &hub, Subscriber &subscriber, const std::string &to)
{
    const std::shared_ptr<SubHubState> from = subscriber.hub;
    detach(subscriber, true);
    subscriber.hub = node_state(hub, to);
    const std::vector<std::string_view> fresh = attach(subscriber);
    queue_subscribe(*subscriber.hub, fresh, true);
    subscriber.hub->wake_reader();
    from->wake_confirm_waiters(); // a sub() waiting there waits at the new node now
    ++hub.moves;
    qCInfo(lcRedis,
           "%s: slot %u moved to %s; %s subscribes there again (messages published during "
           "the move may be lost)",
           from->label.c_str(), unsigned(key_slot(subscriber.names.front())), to.c_str(),
           subscriber.wait_name.c_str());
}

// Puts every subscription on the node the (fresh) slot map names. Returns whether some channel
// is still not subscribed anywhere, so the map must be looked at again soon.
bool rehome(ShardedHubState &hub)
{
    bool unsettled = false;
    // Moving creates node states: iterate over a copy.
    const auto nodes = hub.nodes;
    for (const auto &[address, state] : nodes) {
        std::vector<std::pair<Subscriber *, std::string>> leaving;
        std::vector<std::string_view> again;
        for (auto &[name, entry] : state->channels) {
            if (entry.refs <= 0)
                continue;
            const std::string owner = hub.cluster->primary_of(key_slot(name));
            if (owner.empty()) {
                unsettled = true;
            } else if (owner != address) {
                for (Subscriber *subscriber : entry.subscribers)
                    if (std::none_of(leaving.begin(), leaving.end(),
                                     [&](const auto &l) { return l.first == subscriber; }))
                        leaving.emplace_back(subscriber, owner);
            } else if (!entry.live) {
                // Dropped although the map says it is still here: ask again (a MOVED answer
                // brings the hub back here with a newer map).
                if (entry.pending == 0 && state->connected) {
                    entry.pending = 1;
                    again.push_back(name);
                }
                unsettled = true;
            }
        }
        queue_subscribe(*state, again, true);
        state->wake_reader();
        for (const auto &[subscriber, owner] : leaving)
            move(hub, *subscriber, owner);
    }
    // A node nobody listens to any more is let go (it may be gone for good).
    for (auto it = hub.nodes.begin(); it != hub.nodes.end();) {
        if (it->second->channels.empty()) {
            stop_reader(*it->second, "no sharded subscription left on the node");
            it = hub.nodes.erase(it);
        } else {
            ++it;
        }
    }
    return unsettled;
}

void run_mover(const std::shared_ptr<ShardedHubState> &shared)
{
    ShardedHubState &hub = *shared;
    struct Exit
    {
        ShardedHubState &hub;
        ~Exit() { hub.mover = 0; }
    } exit{hub};
    bool unsettled = false;
    for (;;) {
        // While a channel is subscribed nowhere, look again every half second (a failover
        // takes the cluster a while to agree on).
        if (!unsettled) {
            hub.lost.wait();
        } else {
            try {
                hub.lost.wait(Seconds(0.5));
            } catch (const EventTimeout &) {
                // Time to look again anyway.
            }
        }
        hub.lost.clear();
        std::string error;
        hub.refreshing = true;
        try {
            hub.cluster->refresh();
        } catch (const Error &e) {
            error = e.what();
        }
        hub.refreshing = false;
        if (!error.empty()) {
            qCWarning(lcRedis, "redis sharded subhub: cannot reload the slot map: %s",
                      error.c_str());
            unsettled = true;
            continue;
        }
        unsettled = rehome(hub);
    }
}

} // namespace

} // namespace detail

RedisShardedSubHub::RedisShardedSubHub(RedisCluster &cluster, SubHubOptions options)
    : d(std::make_shared<detail::ShardedHubState>())
{
    d->cluster = &cluster;
    d->options = std::move(options);
}

RedisShardedSubHub::~RedisShardedSubHub()
{
    d->closed = true;
    for (auto &[address, state] : d->nodes)
        detail::stop_reader(*state, "the RedisShardedSubHub was destroyed");
    if (!d->mover || !d->hub)
        return;
    d->hub->cancel(d->mover, "the RedisShardedSubHub was destroyed");
    // A mover inside the cluster's refresh() must unwind before the cluster may go (its owner
    // destroys it next); a Loop must not switch while an exception unwinds it.
    if (d->refreshing && Loop::current() && std::uncaught_exceptions() == 0) {
        try {
            while (d->mover)
                diesel::sleep(0.001);
        } catch (...) {
            // This Loop is cancelled (it stays so: its next wait throws again) or interrupted:
            // it cannot wait here; the cluster must then outlive the mover's unwinding.
        }
    }
}

Subscription RedisShardedSubHub::sub(const Args &channels)
{
    if (channels.empty())
        throw Error("RedisShardedSubHub::sub() needs at least one channel");
    if (d->closed)
        throw Error("RedisShardedSubHub::sub() on a closed hub");
    const std::vector<std::string_view> names(channels.begin(), channels.end());
    const std::optional<std::uint16_t> slot = detail::common_slot(names);
    if (!slot)
        throw CrossSlotError("RedisShardedSubHub::sub(): the channels hash to different slots "
                             "(give them one hash tag, or subscribe to them one by one)");
    const std::string owner = d->cluster->primary_of(*slot);
    if (owner.empty())
        throw Error("RedisShardedSubHub::sub(): no node serves slot " + std::to_string(*slot));
    if (!d->mover) {
        Loop *loop = Loop::current();
        d->hub = loop ? &loop->hub() : &Hub::current();
        d->mover = d->hub->spawn([state = d] { detail::run_mover(state); },
                                 LoopOptions{"redis sharded subhub mover", 0, false, false});
    }
    auto subscriber = detail::make_subscriber(detail::node_state(*d, owner), channels);
    const std::vector<std::string_view> fresh = detail::attach(*subscriber);
    // From here the subscription unregisters itself if anything below throws.
    Subscription subscription(subscriber);
    detail::await_live(subscriber, fresh);
    return subscription;
}

std::vector<std::string> RedisShardedSubHub::subscribed() const
{
    std::vector<std::string> names;
    for (const auto &[address, state] : d->nodes)
        for (const auto &[name, entry] : state->channels)
            if (entry.live)
                names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> RedisShardedSubHub::nodes() const
{
    std::vector<std::string> addresses;
    for (const auto &[address, state] : d->nodes)
        addresses.push_back(address);
    return addresses;
}

std::uint64_t RedisShardedSubHub::moves() const noexcept
{
    return d->moves;
}

} // namespace diesel::redis
