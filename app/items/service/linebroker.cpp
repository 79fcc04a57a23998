// SPDX-License-Identifier: MIT
#include "behaviours.h"
#include "linebroker.h"

#include <diesel/core/first.h>
#include <diesel/core/hub.h>
#include <diesel/core/io.h>
#include <diesel/core/queue.h>
#include <diesel/core/runtime.h>

#include <unordered_map>
#include <variant>

namespace workbench {

namespace {

// Splits "WORD rest of line" into the word (upper-cased) and the rest.
std::pair<std::string, std::string> splitCommand(const std::string &line)
{
    const auto space = line.find(' ');
    std::string word = upper(line.substr(0, space));
    std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
    return {std::move(word), std::move(rest)};
}

} // namespace

LineBroker::LineBroker(std::string label)
    : m_label(std::move(label))
{}

std::size_t LineBroker::channels() const
{
    std::size_t n = 0;
    for (const auto &[name, fanout] : m_channels)
        if (fanout->subscribers() > 0)
            ++n;
    return n;
}

diesel::Fanout<std::string> *LineBroker::findChannel(const std::string &name)
{
    const auto it = m_channels.find(name);
    return it == m_channels.end() ? nullptr : it->second.get();
}

diesel::Fanout<std::string> &LineBroker::channel(const std::string &name)
{
    if (auto *existing = findChannel(name))
        return *existing;
    // Channels nobody listens to any more go, so the map stays as small as the live channels.
    if (m_channels.size() >= 256)
        std::erase_if(m_channels, [](const auto &kv) { return kv.second->subscribers() == 0; });
    auto &slot = m_channels[name];
    slot = std::make_unique<diesel::Fanout<std::string>>(name);
    return *slot;
}

void LineBroker::serve()
{
    // Shared with the forwarding Loops, which may outlive this frame by a moment.
    auto inbox = std::make_shared<diesel::Queue<std::string>>("inbox");
    std::unordered_map<std::string, diesel::LoopId> subscriptions;
    diesel::Hub &hub = diesel::Hub::current();

    for (;;) {
        auto next = diesel::first(diesel::cond::until_eol(), *inbox);
        if (next.index() == 1) {
            diesel::send(std::get<1>(next));
            continue;
        }
        const std::string line = stripEol(std::get<0>(next));
        if (line.empty())
            continue;
        auto [command, rest] = splitCommand(line);
        if (command == "SUBSCRIBE" || command == "UNSUBSCRIBE") {
            const std::string chan = rest.substr(0, rest.find(' '));
            if (chan.empty()) {
                diesel::send("ERROR " + command + " needs a channel\r\n");
                continue;
            }
            const auto it = subscriptions.find(chan);
            if (command == "UNSUBSCRIBE") {
                if (it != subscriptions.end()) {
                    hub.cancel(it->second, "unsubscribed");
                    subscriptions.erase(it);
                }
                diesel::send("UNSUBSCRIBED " + chan + "\r\n");
                continue;
            }
            if (it == subscriptions.end()) {
                if (subscriptions.size() >= kMaxSubscriptions) {
                    diesel::send("ERROR too many subscriptions on one connection\r\n");
                    continue;
                }
                // Subscribe here, before replying: a PUBLISH right after SUBSCRIBED is received.
                auto sub = channel(chan).sub();
                const std::string label = m_label + " sub " + chan;
                subscriptions[chan] =
                    diesel::fork_child([sub = std::move(sub), inbox, chan, label]() mutable {
                        diesel::label(label);
                        for (;;)
                            inbox->put("MESSAGE " + chan + " " + sub.get() + "\r\n");
                    });
            }
            diesel::send("SUBSCRIBED " + chan + "\r\n");
        } else if (command == "PUBLISH") {
            const auto space = rest.find(' ');
            const std::string chan = rest.substr(0, space);
            if (chan.empty()) {
                diesel::send("ERROR PUBLISH needs a channel and a message\r\n");
                continue;
            }
            const std::string message =
                space == std::string::npos ? std::string() : rest.substr(space + 1);
            std::size_t receivers = 0;
            if (auto *fanout = findChannel(chan)) {
                receivers = fanout->subscribers();
                fanout->pub(message);
            }
            diesel::send("PUBLISHED " + chan + " " + std::to_string(receivers) + "\r\n");
        } else if (command == "PING") {
            diesel::send("PONG\r\n");
        } else {
            diesel::send("ERROR unknown command; use SUBSCRIBE chan, UNSUBSCRIBE chan, "
                         "PUBLISH chan message or PING\r\n");
        }
    }
}

} // namespace workbench
