// SPDX-License-Identifier: MIT
// The line pub/sub broker behaviour, built on diesel::Fanout: a text protocol over lines.
//
//   SUBSCRIBE chan          -> SUBSCRIBED chan, then MESSAGE chan text for every publication
//   UNSUBSCRIBE chan        -> UNSUBSCRIBED chan
//   PUBLISH chan text       -> PUBLISHED chan N   (N: subscribers that received it)
//   PING                    -> PONG
#pragma once

#include <diesel/core/fanout.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace workbench {

class LineBroker
{
public:
    explicit LineBroker(std::string label);
    LineBroker(const LineBroker &) = delete;
    LineBroker &operator=(const LineBroker &) = delete;

    /// Serves the calling Loop's connection until the peer leaves. Suspends the calling Loop.
    /// Each subscription is a child Loop that moves the channel's messages into the connection's
    /// inbox; the connection's Loop waits for a line or an inbox message, whichever comes first.
    void serve();

    /// Channels with at least one subscriber.
    std::size_t channels() const;
    /// Most subscriptions one connection may hold.
    static constexpr std::size_t kMaxSubscriptions = 64;

private:
    diesel::Fanout<std::string> &channel(const std::string &name);
    diesel::Fanout<std::string> *findChannel(const std::string &name);

    std::string m_label;
    std::unordered_map<std::string, std::unique_ptr<diesel::Fanout<std::string>>> m_channels;
};

} // namespace workbench
