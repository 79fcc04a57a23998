// SPDX-License-Identifier: MIT
// The line pub/sub broker behaviour, built on diesel::Fanout: a text protocol over lines.
//
//   SUBSCRIBE chan          -> SUBSCRIBED chan, then MESSAGE chan text for every publication
//   UNSUBSCRIBE chan        -> UNSUBSCRIBED chan
//   PUBLISH chan text       -> PUBLISHED chan N   (N: subscribers that received it)
//   PING                    -> PONG
//
// It also keeps its topology for the workbench: per channel the messages published and the
// subscribers (their connection's Loop and peer), per subscriber the messages delivered and how
// long a message took from its publication to being written to the subscriber's connection.
#pragma once

#include <diesel/core/address.h>
#include <diesel/core/fanout.h>
#include <diesel/core/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace workbench {

struct ServiceTally;

/// One subscription, as the topology shows it.
struct BrokerSubscriber
{
    diesel::LoopId loop = 0; ///< the subscriber connection's Loop
    std::string peer;        ///< "127.0.0.1:50123"
    std::uint64_t delivered = 0;
    double lastLatency = 0;    ///< seconds from publication to the write, of the newest message
    double averageLatency = 0; ///< the same, a running average over the recent messages
};

/// One channel, as the topology shows it.
struct BrokerChannel
{
    std::string name;
    std::uint64_t published = 0;
    std::vector<BrokerSubscriber> subscribers; ///< in the order of their Loop ids
};

class LineBroker
{
public:
    explicit LineBroker(std::string label);
    LineBroker(const LineBroker &) = delete;
    LineBroker &operator=(const LineBroker &) = delete;

    /// Serves the calling Loop's connection (from `peer`) until the peer leaves, counting its
    /// lines and bytes in `tally`. Suspends the calling Loop. Each subscription is a child Loop
    /// that moves the channel's messages into the connection's inbox; the connection's Loop waits
    /// for a line or an inbox message, whichever comes first.
    void serve(const diesel::Address &peer, ServiceTally &tally);
    /// Publishes `text` on `channel` (what PUBLISH does): every current subscriber gets
    /// "MESSAGE channel text". Never waits; returns how many subscribers it reached.
    std::size_t publish(const std::string &channel, const std::string &text);

    /// Channels with at least one subscriber.
    std::size_t channels() const;
    /// Messages published since it started, on every channel.
    std::uint64_t published() const noexcept { return m_published; }
    /// The channels (in name order) with their subscribers. Bounded: at most kMaxChannels.
    std::vector<BrokerChannel> topology() const;
    /// Most subscriptions one connection may hold.
    static constexpr std::size_t kMaxSubscriptions = 64;
    /// Channels kept before those without subscribers are forgotten.
    static constexpr std::size_t kMaxChannels = 256;

private:
    struct Publication
    {
        std::string text;
        diesel::Clock::time_point at;
    };
    using Fanout = diesel::Fanout<Publication>;
    struct Channel
    {
        std::unique_ptr<Fanout> fanout;
        std::uint64_t published = 0;
        std::map<diesel::LoopId, BrokerSubscriber> subscribers;
    };

    Channel &channel(const std::string &name);
    void subscribed(const std::string &channel, diesel::LoopId loop, const std::string &peer);
    void unsubscribed(const std::string &channel, diesel::LoopId loop);
    void delivered(const std::string &channel, diesel::LoopId loop,
                   diesel::Clock::time_point publishedAt);

    std::string m_label;
    std::uint64_t m_published = 0;
    std::unordered_map<std::string, Channel> m_channels;
};

} // namespace workbench
