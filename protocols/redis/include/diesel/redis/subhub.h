// SPDX-License-Identifier: MIT
// RedisSubHub: one pub/sub connection subscribed on behalf of many Loops, as in the guide.
//
//     diesel::redis::RedisSubHub subhub("localhost");
//     ...in a Loop:
//     auto messages = subhub.sub({"chan.a", "chan.b"});
//     for (;;) {
//         auto [chan, message] = messages.fetch();
//         if (chan == "chan.a") act_on_a(message); else act_on_b(message);
//     }
#pragma once

#include <diesel/core/loop.h>
#include <diesel/core/tls.h>
#include <diesel/core/types.h>
#include <diesel/core/wait.h>
#include <diesel/redis/args.h>
#include <diesel/redis/export.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace diesel::redis {

namespace detail {
struct SubHubState;
struct Subscriber;
class SubscriptionCondition;
} // namespace detail

/// A published message: the channel it was published to, its payload and, when it matched a
/// pattern subscription, that pattern. It unpacks like the guide's tuple:
/// `auto [chan, message] = sub.fetch();`.
struct DIESEL_REDIS_EXPORT Message
{
    std::string channel{}; ///< the channel it was published to
    std::string message{}; ///< the payload
    std::string pattern{}; ///< the PSUBSCRIBE pattern it matched; empty for a plain channel

    /// Structured bindings: element 0 is the channel, 1 the message.
    template<std::size_t I>
    const std::string &get() const noexcept
    {
        static_assert(I < 2);
        if constexpr (I == 0)
            return channel;
        else
            return message;
    }
    template<std::size_t I>
    std::string &get() noexcept
    {
        static_assert(I < 2);
        if constexpr (I == 0)
            return channel;
        else
            return message;
    }
    /// Same channel, payload and pattern.
    bool operator==(const Message &) const = default;
};

/// What a subscription does with a message instead of buffering it (see set_sink()). It runs
/// in the hub's reader Loop and must not suspend.
using MessageSink = std::function<void(Message &&)>;

/// Settings of a RedisSubHub.
struct DIESEL_REDIS_EXPORT SubHubOptions
{
    std::string password{};                   ///< AUTH after connecting when not empty
    std::string username{};                   ///< ACL user for AUTH
    std::optional<Seconds> connect_timeout{}; ///< none: the OS's
    std::optional<TlsContext> tls{};          ///< connect with TLS
    /// How long sub() waits for Redis to confirm a new subscription (also while reconnecting).
    Seconds subscribe_timeout{10.0};
    /// Reconnect delays grow from 50 ms up to this.
    Seconds max_reconnect_delay{2.0};
};

/// A set of channels and patterns one Loop listens to; RAII: destroying (or close()) ends it,
/// unsubscribing from Redis once no other subscription needs the channel. Messages wait in the
/// subscription's own buffer until fetched, so a slow Loop loses nothing. Movable.
class DIESEL_REDIS_EXPORT Subscription
{
public:
    /// Moves the subscription (its buffer and registration); the source becomes inactive.
    Subscription(Subscription &&) noexcept;
    Subscription &operator=(Subscription &&) noexcept;
    ~Subscription();

    /// Suspends the calling Loop until a message arrives (or takes a buffered one). Throws
    /// diesel::Error when the subscription was closed or its hub destroyed.
    Message fetch();
    /// Like fetch(), but gives up after `timeout`: nullopt then.
    std::optional<Message> fetch(Clock::duration timeout);
    /// fetch() with a timeout in seconds.
    std::optional<Message> fetch(double timeout_seconds);
    /// A buffered message, without waiting.
    std::optional<Message> try_fetch();
    /// Messages buffered and not fetched yet.
    std::size_t pending() const noexcept;
    /// The channels and patterns, as given to sub().
    const std::vector<std::string> &channels() const noexcept;
    /// Sends every message (those buffered now, then each new one) to `sink` instead of the
    /// buffer; an empty sink goes back to buffering. This is where a Queue plugs in:
    /// `sub.set_sink([&q](Message &&m) { q.put(std::move(m), diesel::no_wait); })` (the sink
    /// runs in the hub's reader Loop: it must neither suspend nor close subscriptions).
    void set_sink(MessageSink sink);
    /// Ends the subscription now (as the destructor does).
    void close() noexcept;
    /// False once closed or moved from.
    bool active() const noexcept;
    /// The condition for diesel::first(): `first(sub, cond::sleep(5))` (value: Message).
    detail::SubscriptionCondition condition();

private:
    friend class RedisSubHub;
    friend class RedisShardedSubHub;
    explicit Subscription(std::shared_ptr<detail::Subscriber> subscriber);
    // Shared with a Loop waiting in fetch(), so closing from another Loop cannot pull the
    // buffer from under it.
    std::shared_ptr<detail::Subscriber> d;
};

/// One connection to Redis in SUBSCRIBE mode shared by every subscription made from it. A
/// reader Loop (started by the first sub() or by start()) reads the connection, sends
/// SUBSCRIBE/UNSUBSCRIBE as subscriptions come and go (reference-counted per channel), fans
/// messages out, and after a lost connection reconnects and subscribes to everything again.
/// Can be constructed outside any Loop (at namespace scope, as in the guide).
class DIESEL_REDIS_EXPORT RedisSubHub
{
public:
    /// A hub for host:port. Nothing connects before the first sub() (or start()).
    explicit RedisSubHub(std::string host = "localhost", std::uint16_t port = 6379,
                         SubHubOptions options = {});
    RedisSubHub(const RedisSubHub &) = delete;
    RedisSubHub &operator=(const RedisSubHub &) = delete;
    /// Ends the reader Loop and the connection; subscriptions still alive see fetch() throw.
    ~RedisSubHub();

    /// Subscribes to `channels` (a name with *, ? or [ is a pattern: PSUBSCRIBE). Suspends the
    /// calling Loop until Redis confirmed every new channel, so a message published after sub()
    /// returns is delivered. Throws TimeoutError if that takes longer than
    /// options.subscribe_timeout (Redis down, say).
    Subscription sub(const Args &channels);
    /// Starts the reader Loop now (on this thread's Hub) rather than at the first sub().
    void start();
    /// Whether the connection is up and subscribed.
    bool connected() const noexcept;
    /// Connections made so far (1 after the first connect; more after reconnects).
    std::uint64_t connections() const noexcept;
    /// Channels and patterns subscribed with Redis right now.
    std::vector<std::string> subscribed() const;
    /// The server it connects to.
    const std::string &host() const noexcept;
    std::uint16_t port() const noexcept;

private:
    std::shared_ptr<detail::SubHubState> d;
};

namespace detail {

/// first() support for Subscription (internal).
class DIESEL_REDIS_EXPORT SubscriptionCondition
{
public:
    using value_type = Message;
    explicit SubscriptionCondition(Subscriber &subscriber)
        : m_subscriber(&subscriber)
    {}
    std::optional<Message> poll();

    struct Registration
    {
        void arm(SubscriptionCondition &c, Wait &wait, int branch, WaitInfo &info);
        std::optional<Message> take() { return std::nullopt; }
        WaitNode node;
    };

private:
    Subscriber *m_subscriber;
};

} // namespace detail

} // namespace diesel::redis

template<>
struct std::tuple_size<diesel::redis::Message> : std::integral_constant<std::size_t, 2>
{};
template<std::size_t I>
struct std::tuple_element<I, diesel::redis::Message>
{
    using type = std::string;
};
