// SPDX-License-Identifier: MIT
#include "cluster_slots.h"
#include "format.h"
#include "logging.h"
#include "reader.h"
#include "subhub_p.h"

#include <diesel/core/client.h>
#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>
#include <diesel/redis/error.h>
#include <diesel/redis/subhub.h>

#include <algorithm>
#include <chrono>
#include <span>
#include <unordered_set>
#include <utility>

namespace diesel::redis {

namespace detail {

Q_LOGGING_CATEGORY(lcRedis, "diesel.redis", QtInfoMsg)

void SubHubState::sweep()
{
    for (auto *table : {&channels, &patterns})
        std::erase_if(*table, [](const auto &item) {
            return item.second.refs <= 0 && item.second.pending <= 0;
        });
}

void SubHubState::release(std::string_view name)
{
    auto &table = table_for(name);
    const auto it = table.find(std::string(name));
    if (it == table.end() || it->second.refs > 0 || it->second.pending > 0)
        return;
    if (dispatching)
        needs_sweep = true;
    else
        table.erase(it);
}

void SubHubState::close_all() noexcept
{
    closed = true;
    for (auto *table : {&channels, &patterns})
        for (auto &[name, entry] : *table)
            for (Subscriber *subscriber : entry.subscribers)
                subscriber->wake_all();
    wake_confirm_waiters();
}

namespace {

void append_words(SubHubState &state, std::string_view command,
                  std::span<const std::string_view> names)
{
    std::vector<std::string_view> words;
    words.reserve(names.size() + 1);
    words.push_back(command);
    words.insert(words.end(), names.begin(), names.end());
    append_command(state.outbox, words);
}

} // namespace

void queue_subscribe(SubHubState &state, const std::vector<std::string_view> &names, bool subscribe)
{
    std::vector<std::string_view> channels;
    std::vector<std::string_view> patterns;
    for (const std::string_view name : names)
        (state.pattern(name) ? patterns : channels).push_back(name);
    if (!patterns.empty())
        append_words(state, subscribe ? "PSUBSCRIBE" : "PUNSUBSCRIBE", patterns);
    if (channels.empty())
        return;
    if (!state.sharded) {
        append_words(state, subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE", channels);
        return;
    }
    // A sharded command's channels must share a slot (else CROSSSLOT): one command per slot.
    std::sort(channels.begin(), channels.end(),
              [](std::string_view a, std::string_view b) { return key_slot(a) < key_slot(b); });
    for (auto first = channels.begin(); first != channels.end();) {
        const std::uint16_t slot = key_slot(*first);
        const auto last = std::find_if(
            first, channels.end(), [&](std::string_view name) { return key_slot(name) != slot; });
        append_words(state, subscribe ? "SSUBSCRIBE" : "SUNSUBSCRIBE",
                     std::span<const std::string_view>(first, last));
        first = last;
    }
}

namespace {

// Fans a message out to the subscriptions of one entry: copies for all but the last.
void deliver(SubHubState &state, Entry &entry, Message &&message)
{
    const std::size_t n = entry.subscribers.size();
    for (std::size_t i = 0; i < n && i < entry.subscribers.size(); ++i) {
        Subscriber *subscriber = entry.subscribers[i];
        if (i + 1 == n)
            subscriber->push(std::move(message));
        else
            subscriber->push(Message(message));
    }
    (void)state;
}

void confirm(SubHubState &state, std::unordered_map<std::string, Entry> &table,
             const std::string &name)
{
    const auto it = table.find(name);
    if (it == table.end() || it->second.pending <= 0)
        return;
    Entry &entry = it->second;
    if (--entry.pending > 0)
        return;
    if (entry.refs > 0) {
        entry.live = true;
        state.wake_confirm_waiters();
    } else {
        state.release(name);
    }
}

// A sharded channel the node dropped without being asked (its slot moved): no longer live.
// Returns whether the hub must look for the channel's new node.
bool dropped(SubHubState &state, const std::string &name)
{
    const auto it = state.channels.find(name);
    if (it == state.channels.end() || it->second.refs <= 0 || it->second.pending > 0 ||
        !it->second.live)
        return false; // our own SUNSUBSCRIBE, or one overtaken by a new SSUBSCRIBE
    it->second.live = false;
    return true;
}

// Handles one reply; returns true when a sharded hub lost a channel (see SubHubState::on_lost).
bool dispatch(SubHubState &state, Reply &&reply)
{
    if (reply.is_error()) {
        if (state.sharded && reply.str().starts_with("MOVED ")) {
            qCInfo(lcRedis, "%s: %s; following the slot", state.label.c_str(), reply.str().c_str());
            return true;
        }
        qCWarning(lcRedis, "%s: the server refused a command: %s", state.label.c_str(),
                  reply.str().c_str());
        return false;
    }
    if (!reply.is_array() || reply.size() < 2 || !reply[0].is_string())
        return false; // PONG and the like
    auto &e = reply.elements();
    const std::string &kind = e[0].str();
    if ((kind == "message" || kind == "smessage") && e.size() == 3) {
        const auto it = state.channels.find(e[1].str());
        if (it != state.channels.end())
            deliver(state, it->second,
                    Message{std::move(e[1]).as_string(), std::move(e[2]).as_string(), {}});
    } else if (kind == "pmessage" && e.size() == 4) {
        const auto it = state.patterns.find(e[1].str());
        if (it != state.patterns.end())
            deliver(state, it->second,
                    Message{std::move(e[2]).as_string(), std::move(e[3]).as_string(),
                            std::move(e[1]).as_string()});
    } else if (kind == "subscribe" || kind == "ssubscribe") {
        confirm(state, state.channels, e[1].str());
    } else if (kind == "psubscribe") {
        confirm(state, state.patterns, e[1].str());
    }
    // "unsubscribe" / "punsubscribe" need nothing: the entry was updated when the last
    // subscription went, and a subscription made since then waits for its own confirmation.
    return kind == "sunsubscribe" && state.sharded && dropped(state, e[1].str());
}

// Connects, subscribes to everything wanted and serves the connection until it fails (by
// throwing).
void serve(SubHubState &state)
{
    ClientOptions options;
    options.timeout = state.options.connect_timeout;
    options.tls = state.options.tls;
    options.label = state.label;
    Client client(state.host, state.port, std::move(options));
    Connection &conn = client.connection();
    ReplyReader reader;
    std::string out;

    if (!state.options.password.empty()) {
        if (state.options.username.empty())
            append_command(out, std::vector<std::string_view>{"AUTH", state.options.password});
        else
            append_command(out, std::vector<std::string_view>{"AUTH", state.options.username,
                                                              state.options.password});
        // A server that stalls here must not hold the hub: the wait is bounded like sub()'s.
        conn.set_deadline(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             state.options.subscribe_timeout));
        conn.send(out);
        Reply reply = reader.read(conn);
        conn.set_deadline(std::nullopt);
        if (reply.is_error())
            throw RedisError("AUTH refused by " + state.host + ":" + std::to_string(state.port) +
                             ": " + reply.str());
    }

    // Everything wanted now is subscribed afresh; confirmations set `live` again.
    std::vector<std::string_view> names;
    for (auto *table : {&state.channels, &state.patterns})
        for (auto &[name, entry] : *table) {
            entry.live = false;
            entry.pending = entry.refs > 0 ? 1 : 0;
            if (entry.refs > 0)
                names.push_back(name);
        }
    state.sweep();
    state.outbox.clear();
    queue_subscribe(state, names, true);
    state.connected = true;
    ++state.connections;

    // Since when a message is partly received: a server that stalls mid-message for longer than
    // subscribe_timeout is given up on (and reconnected to), rather than waited for forever.
    std::optional<Clock::time_point> partial_since;
    for (;;) {
        if (!state.outbox.empty()) {
            const std::string bytes = std::move(state.outbox);
            state.outbox.clear();
            conn.send(bytes);
        }
        bool lost = false;
        while (std::optional<Reply> reply = reader.next()) {
            state.dispatching = true;
            lost = dispatch(state, std::move(*reply)) || lost;
            state.dispatching = false;
            if (std::exchange(state.needs_sweep, false))
                state.sweep();
        }
        if (lost && state.on_lost)
            state.on_lost();
        if (std::optional<std::string> bytes = conn.try_receive_any()) {
            reader.feed(*bytes);
            continue;
        }
        if (!state.outbox.empty())
            continue;
        if (!reader.has_partial())
            partial_since.reset();
        else if (!partial_since)
            partial_since = Clock::now();
        // Wait for the socket or for a sub() / unsubscribe that queued a command.
        Wait wait("RedisSubHub");
        WaitNode readable;
        WaitNode kick;
        conn.watch_readable(wait, readable, 0);
        wait.add(kick, 1, WaitKind::Queue);
        struct KickSlot
        {
            SubHubState &state;
            ~KickSlot() { state.kick = nullptr; }
        } slot{state};
        state.kick = &kick;
        WaitInfo info;
        info.kind = WaitKind::Read;
        info.object = &state;
        info.name = state.label;
        const auto stall_limit =
            std::chrono::duration_cast<Clock::duration>(state.options.subscribe_timeout);
        if (partial_since)
            wait.set_deadline(*partial_since + stall_limit);
        if (wait.suspend(info) == Wait::timed_out)
            throw ConnectionTimeout(
                "a message stalled mid-way for more than " +
                std::to_string(
                    std::chrono::duration_cast<std::chrono::milliseconds>(stall_limit).count()) +
                " ms (SubHubOptions::subscribe_timeout)");
    }
}

// After a lost connection nothing is subscribed any more and no confirmation will come.
void on_disconnect(SubHubState &state)
{
    state.connected = false;
    state.outbox.clear();
    for (auto *table : {&state.channels, &state.patterns})
        for (auto &[name, entry] : *table) {
            entry.live = false;
            entry.pending = 0;
        }
    state.sweep();
}

} // namespace

void run_reader(const std::shared_ptr<SubHubState> &shared)
{
    SubHubState &state = *shared;
    struct Exit
    {
        SubHubState &state;
        ~Exit()
        {
            state.reader = 0;
            state.hub = nullptr;
            on_disconnect(state);
        }
    } exit{state};

    const Clock::duration first_delay = std::chrono::milliseconds(50);
    Clock::duration delay = first_delay;
    bool reported = false;
    while (!state.closed) {
        const std::uint64_t before = state.connections;
        std::string error;
        // Errors are caught by type so that cancellation (LoopCancelled) ends the Loop.
        try {
            serve(state);
        } catch (const ConnectionClosed &e) {
            error = e.what();
        } catch (const ClientConnectionError &e) {
            error = e.what();
        } catch (const TlsError &e) {
            error = e.what();
        } catch (const RedisProtocolError &e) {
            error = e.what();
        } catch (const RedisError &e) {
            error = e.what();
        }
        on_disconnect(state);
        state.last_error = error;
        if (state.on_lost)
            state.on_lost(); // the node may be gone for good: a sharded hub looks for the new one
        if (state.connections != before) {
            delay = first_delay; // it was connected: retry quickly
            reported = false;
        }
        if (!reported) {
            qCWarning(lcRedis, "%s: %s; reconnecting", state.label.c_str(), error.c_str());
            reported = true;
        }
        // Sleeping outside the catch blocks: a Loop must not switch inside one.
        diesel::sleep(delay);
        const auto max =
            std::chrono::duration_cast<Clock::duration>(state.options.max_reconnect_delay);
        delay = std::min(delay * 2, std::max(max, first_delay));
    }
}

void start_reader(const std::shared_ptr<SubHubState> &state)
{
    if (state->reader || state->closed)
        return;
    Loop *loop = Loop::current();
    Hub &hub = loop ? loop->hub() : Hub::current();
    state->hub = &hub;
    state->reader =
        hub.spawn([state] { run_reader(state); }, LoopOptions{state->label, 0, false, false});
}

void stop_reader(SubHubState &state, const char *why) noexcept
{
    state.on_lost = nullptr;
    state.close_all();
    if (state.reader && state.hub)
        state.hub->cancel(state.reader, why);
}

std::shared_ptr<Subscriber> make_subscriber(const std::shared_ptr<SubHubState> &state,
                                            const Args &channels)
{
    auto subscriber = std::make_shared<Subscriber>();
    subscriber->hub = state;
    std::unordered_set<std::string_view> seen;
    for (const std::string_view name : channels)
        if (seen.insert(name).second)
            subscriber->names.emplace_back(name);
    subscriber->wait_name = "subhub ";
    for (const std::string &name : subscriber->names)
        subscriber->wait_name += (&name == &subscriber->names.front() ? "" : ",") + name;
    return subscriber;
}

std::vector<std::string_view> attach(Subscriber &subscriber)
{
    SubHubState &state = *subscriber.hub;
    std::vector<std::string_view> fresh;
    for (const std::string &name : subscriber.names) {
        Entry &entry = state.table_for(name)[name];
        entry.subscribers.push_back(&subscriber);
        if (++entry.refs == 1 && state.connected) {
            ++entry.pending;
            fresh.push_back(name);
        }
    }
    return fresh;
}

void await_live(const std::shared_ptr<Subscriber> &subscriber,
                const std::vector<std::string_view> &fresh)
{
    queue_subscribe(*subscriber->hub, fresh, true);
    subscriber->hub->wake_reader();
    // A copy: a sharded hub may move the subscriber and let its first node state go.
    const Seconds limit = subscriber->hub->options.subscribe_timeout;
    const Clock::time_point deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(limit);
    // Looked up on the hub the subscriber is at now: a sharded hub may move it meanwhile.
    auto all_live = [&] {
        const SubHubState &state = *subscriber->hub;
        return std::all_of(subscriber->names.begin(), subscriber->names.end(),
                           [&](const std::string &name) {
                               const auto &table = state.table_for(name);
                               const auto it = table.find(name);
                               return it != table.end() && it->second.live;
                           });
    };
    WaitNode node;
    while (!all_live()) {
        // Held: the wait node stays in this state's list until unlinked below.
        const std::shared_ptr<SubHubState> state = subscriber->hub;
        if (state->closed)
            throw Error(state->label + ": the hub was destroyed during sub()");
        Wait wait("RedisSubHub::sub");
        wait.add(node, 0, WaitKind::Other);
        state->confirm_waiters.push_back(node);
        wait.set_deadline(deadline);
        WaitInfo info;
        info.kind = WaitKind::Other;
        info.object = state.get();
        info.name = subscriber->wait_name;
        info.deadline = deadline;
        const int branch = wait.suspend(info);
        node.unlink();
        if (branch == Wait::timed_out && !all_live()) {
            const SubHubState &now = *subscriber->hub;
            throw TimeoutError(
                now.label + ": Redis did not confirm " + subscriber->wait_name + " within " +
                std::to_string(limit.count()) + " s" +
                (now.last_error.empty() ? "" : " (last error: " + now.last_error + ")"));
        }
    }
}

} // namespace detail

RedisSubHub::RedisSubHub(std::string host, std::uint16_t port, SubHubOptions options)
    : d(std::make_shared<detail::SubHubState>())
{
    d->label = "redis subhub " + host + ":" + std::to_string(port);
    d->host = std::move(host);
    d->port = port;
    d->options = std::move(options);
}

RedisSubHub::~RedisSubHub()
{
    detail::stop_reader(*d, "the RedisSubHub was destroyed");
}

void RedisSubHub::start()
{
    detail::start_reader(d);
}

Subscription RedisSubHub::sub(const Args &channels)
{
    if (channels.empty())
        throw Error("RedisSubHub::sub() needs at least one channel");
    if (d->closed)
        throw Error(d->label + ": sub() on a closed hub");
    start();
    auto subscriber = detail::make_subscriber(d, channels);
    const std::vector<std::string_view> fresh = detail::attach(*subscriber);
    // From here the subscription unregisters itself if anything below throws.
    Subscription subscription(subscriber);
    detail::await_live(subscriber, fresh);
    return subscription;
}

bool RedisSubHub::connected() const noexcept
{
    return d->connected;
}

std::uint64_t RedisSubHub::connections() const noexcept
{
    return d->connections;
}

std::vector<std::string> RedisSubHub::subscribed() const
{
    std::vector<std::string> names;
    for (const auto *table : {&d->channels, &d->patterns})
        for (const auto &[name, entry] : *table)
            if (entry.live)
                names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

const std::string &RedisSubHub::host() const noexcept
{
    return d->host;
}

std::uint16_t RedisSubHub::port() const noexcept
{
    return d->port;
}

} // namespace diesel::redis
