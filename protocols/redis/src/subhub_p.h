// SPDX-License-Identifier: MIT
// The inside of a RedisSubHub: the channel registry shared by its subscriptions and its reader
// Loop, and the per-subscription buffers.
#pragma once

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/hub.h>
#include <diesel/core/wait.h>
#include <diesel/redis/subhub.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace diesel::redis::detail {

struct Subscriber;

// One channel or pattern as Redis sees it: how many subscriptions want it, how many SUBSCRIBE
// requests await their confirmation on the current connection, and whether it is subscribed.
struct Entry
{
    int refs = 0;
    int pending = 0;
    bool live = false;
    std::vector<Subscriber *> subscribers;
};

struct SubHubState
{
    std::string host;
    std::uint16_t port = 0;
    SubHubOptions options;
    std::string label; // "redis subhub host:port"
    // Sharded pub/sub (one node of a RedisShardedSubHub): SSUBSCRIBE per slot, smessage pushes.
    bool sharded = false;
    // Sharded only: called by the reader (it must not suspend) when the node dropped a channel
    // nobody unsubscribed from, refused one with MOVED, or the connection was lost.
    std::function<void()> on_lost;

    std::unordered_map<std::string, Entry> channels;
    std::unordered_map<std::string, Entry> patterns;
    // SUBSCRIBE/UNSUBSCRIBE commands for the reader Loop to write: only it writes, so commands
    // and their confirmations stay in order.
    std::string outbox;
    WaitNode *kick = nullptr; // the reader's wake-up while it waits for the socket
    diesel::detail::IntrusiveList<WaitNode> confirm_waiters; // Loops in sub()

    Hub *hub = nullptr;
    LoopId reader = 0;
    bool connected = false;
    bool closed = false;
    bool dispatching = false; // entries must not be erased while a message is fanned out
    bool needs_sweep = false; // an entry became erasable while dispatching
    std::uint64_t connections = 0;
    std::string last_error;

    static bool is_pattern(std::string_view name) noexcept
    {
        return name.find_first_of("*?[") != std::string_view::npos;
    }
    // Whether `name` is a pattern here (a sharded hub has none: SSUBSCRIBE takes names as-is).
    bool pattern(std::string_view name) const noexcept { return !sharded && is_pattern(name); }
    std::unordered_map<std::string, Entry> &table_for(std::string_view name)
    {
        return pattern(name) ? patterns : channels;
    }
    const std::unordered_map<std::string, Entry> &table_for(std::string_view name) const
    {
        return pattern(name) ? patterns : channels;
    }
    void wake_reader() noexcept
    {
        if (kick)
            kick->notify();
    }
    void wake_confirm_waiters() noexcept
    {
        confirm_waiters.for_each([](WaitNode &node) { node.notify(); });
    }
    // Erases entries nobody wants and no confirmation refers to.
    void sweep();
    // Erases `name`'s entry if nobody wants it and no confirmation refers to it (later, when a
    // message is being fanned out).
    void release(std::string_view name);
    // Wakes every Loop in fetch() and sub(): the hub is going away.
    void close_all() noexcept;
};

struct Subscriber
{
    std::shared_ptr<SubHubState> hub;
    std::vector<std::string> names;
    std::string wait_name; // "subhub chan.a,chan.b", shown for Loops waiting in fetch()
    std::deque<Message> buffer;
    diesel::detail::IntrusiveList<WaitNode> waiters;
    MessageSink sink;
    bool closed = false;

    void push(Message &&message);
    // Closes the subscription: wakes its fetchers and detaches it.
    void unregister() noexcept;
    void wake_all() noexcept
    {
        waiters.for_each([](WaitNode &node) { node.notify(); });
    }
};

// Appends the commands that (un)subscribe `names` to the hub's outbox: SUBSCRIBE / PSUBSCRIBE,
// or on a sharded hub one SSUBSCRIBE per slot.
void queue_subscribe(SubHubState &state, const std::vector<std::string_view> &names,
                     bool subscribe);

// A subscriber of `channels` (duplicates dropped) on `state`, not registered yet.
std::shared_ptr<Subscriber> make_subscriber(const std::shared_ptr<SubHubState> &state,
                                            const Args &channels);
// Registers `subscriber` with its hub's entries; returns the names Redis must be asked for
// (already counted as pending).
std::vector<std::string_view> attach(Subscriber &subscriber);
// Removes `subscriber` from its hub's entries. Names nobody wants any more are unsubscribed,
// unless `forget` (the node dropped them already: a moved slot), which also forgets
// confirmations that will never come.
void detach(Subscriber &subscriber, bool forget) noexcept;
// Asks Redis for `fresh` (from attach()) and suspends the calling Loop until Redis confirmed every
// name of `subscriber` (on whichever hub it is at by then); throws TimeoutError after
// options.subscribe_timeout, Error when closed.
void await_live(const std::shared_ptr<Subscriber> &subscriber,
                const std::vector<std::string_view> &fresh);

// Spawns the reader Loop on the calling thread's Hub (no-op when running or closed).
void start_reader(const std::shared_ptr<SubHubState> &state);
// Closes the hub (fetch() throws in its subscriptions) and cancels its reader Loop.
void stop_reader(SubHubState &state, const char *why) noexcept;

} // namespace diesel::redis::detail
