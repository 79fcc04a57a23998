// SPDX-License-Identifier: MIT
#include "behaviours.h"
#include "linebroker.h"

#include <diesel/core/first.h>
#include <diesel/core/hub.h>
#include <diesel/core/io.h>
#include <diesel/core/queue.h>
#include <diesel/core/runtime.h>

#include <algorithm>
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

// A message on its way to one subscriber's connection.
struct Delivery
{
    std::string channel;
    std::string line;
    diesel::Clock::time_point publishedAt;
};

} // namespace

LineBroker::LineBroker(std::string label)
    : m_label(std::move(label))
{}

std::size_t LineBroker::channels() const
{
    std::size_t n = 0;
    for (const auto &[name, channel] : m_channels)
        if (channel.fanout->subscribers() > 0)
            ++n;
    return n;
}

std::vector<BrokerChannel> LineBroker::topology() const
{
    std::vector<const std::pair<const std::string, Channel> *> sorted;
    sorted.reserve(m_channels.size());
    for (const auto &entry : m_channels)
        sorted.push_back(&entry);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto *a, const auto *b) { return a->first < b->first; });
    if (sorted.size() > kMaxChannels)
        sorted.resize(kMaxChannels);
    std::vector<BrokerChannel> result;
    result.reserve(sorted.size());
    for (const auto *entry : sorted) {
        BrokerChannel &c = result.emplace_back();
        c.name = entry->first;
        c.published = entry->second.published;
        for (const auto &[loop, subscriber] : entry->second.subscribers)
            c.subscribers.push_back(subscriber);
    }
    return result;
}

LineBroker::Channel &LineBroker::channel(const std::string &name)
{
    if (const auto it = m_channels.find(name); it != m_channels.end())
        return it->second;
    // Channels nobody listens to any more go, so the map stays as small as the live channels.
    if (m_channels.size() >= kMaxChannels)
        std::erase_if(m_channels,
                      [](const auto &kv) { return kv.second.fanout->subscribers() == 0; });
    Channel &slot = m_channels[name];
    slot.fanout = std::make_unique<Fanout>(name);
    return slot;
}

std::size_t LineBroker::publish(const std::string &name, const std::string &text)
{
    Channel &c = channel(name);
    ++c.published;
    ++m_published;
    const std::size_t receivers = c.fanout->subscribers();
    c.fanout->pub(Publication{text, diesel::Clock::now()});
    return receivers;
}

void LineBroker::subscribed(const std::string &name, diesel::LoopId loop, const std::string &peer)
{
    BrokerSubscriber &s = channel(name).subscribers[loop];
    s.loop = loop;
    s.peer = peer;
}

void LineBroker::unsubscribed(const std::string &name, diesel::LoopId loop)
{
    if (const auto it = m_channels.find(name); it != m_channels.end())
        it->second.subscribers.erase(loop);
}

void LineBroker::delivered(const std::string &name, diesel::LoopId loop,
                           diesel::Clock::time_point publishedAt)
{
    const auto it = m_channels.find(name);
    if (it == m_channels.end())
        return;
    const auto sub = it->second.subscribers.find(loop);
    if (sub == it->second.subscribers.end())
        return; // unsubscribed while the message waited in the inbox
    BrokerSubscriber &s = sub->second;
    const double latency =
        std::chrono::duration<double>(diesel::Clock::now() - publishedAt).count();
    ++s.delivered;
    s.lastLatency = latency;
    // A running average over about the last eight messages: steady, yet it follows a change.
    s.averageLatency =
        s.delivered == 1 ? latency : s.averageLatency + (latency - s.averageLatency) / 8;
}

void LineBroker::serve(const diesel::Address &peer, ServiceTally &tally)
{
    // Every write to the connection, counted.
    auto write = [&tally](std::string_view text) {
        tally.bytesOut += text.size();
        diesel::send(text);
    };
    // Shared with the forwarding Loops, which may outlive this frame by a moment.
    auto inbox = std::make_shared<diesel::Queue<Delivery>>("inbox");
    std::unordered_map<std::string, diesel::LoopId> subscriptions;
    const diesel::LoopId self = diesel::current_loop_id();
    const std::string peerText = peer.to_string();
    diesel::Hub &hub = diesel::Hub::current();
    // However the connection ends, its subscriptions leave the topology.
    struct Leave
    {
        LineBroker &broker;
        const std::unordered_map<std::string, diesel::LoopId> &subscriptions;
        diesel::LoopId self;
        ~Leave()
        {
            for (const auto &[chan, loop] : subscriptions)
                broker.unsubscribed(chan, self);
        }
    } leave{*this, subscriptions, self};

    for (;;) {
        auto next = diesel::first(diesel::cond::until_eol(), *inbox);
        if (next.index() == 1) {
            const Delivery &d = std::get<1>(next);
            write(d.line);
            delivered(d.channel, self, d.publishedAt);
            continue;
        }
        ++tally.lines;
        tally.bytesIn += std::get<0>(next).size();
        const std::string line = stripEol(std::get<0>(next));
        if (line.empty())
            continue;
        auto [command, rest] = splitCommand(line);
        if (command == "SUBSCRIBE" || command == "UNSUBSCRIBE") {
            const std::string chan = rest.substr(0, rest.find(' '));
            if (chan.empty()) {
                write("ERROR " + command + " needs a channel\r\n");
                continue;
            }
            const auto it = subscriptions.find(chan);
            if (command == "UNSUBSCRIBE") {
                if (it != subscriptions.end()) {
                    hub.cancel(it->second, "unsubscribed");
                    subscriptions.erase(it);
                    unsubscribed(chan, self);
                }
                write("UNSUBSCRIBED " + chan + "\r\n");
                continue;
            }
            if (it == subscriptions.end()) {
                if (subscriptions.size() >= kMaxSubscriptions) {
                    write("ERROR too many subscriptions on one connection\r\n");
                    continue;
                }
                // Subscribe here, before replying: a PUBLISH right after SUBSCRIBED is received.
                auto sub = channel(chan).fanout->sub();
                subscribed(chan, self, peerText);
                const std::string label = m_label + " sub " + chan;
                subscriptions[chan] = diesel::fork_child([sub = std::move(sub), inbox, chan,
                                                          label]() mutable {
                    diesel::label(label);
                    for (;;) {
                        Publication p = sub.get();
                        inbox->put(Delivery{chan, "MESSAGE " + chan + " " + p.text + "\r\n", p.at});
                    }
                });
            }
            write("SUBSCRIBED " + chan + "\r\n");
        } else if (command == "PUBLISH") {
            const auto space = rest.find(' ');
            const std::string chan = rest.substr(0, space);
            if (chan.empty()) {
                write("ERROR PUBLISH needs a channel and a message\r\n");
                continue;
            }
            const std::string message =
                space == std::string::npos ? std::string() : rest.substr(space + 1);
            const std::size_t receivers = publish(chan, message);
            write("PUBLISHED " + chan + " " + std::to_string(receivers) + "\r\n");
        } else if (command == "PING") {
            write("PONG\r\n");
        } else {
            write("ERROR unknown command; use SUBSCRIBE chan, UNSUBSCRIBE chan, "
                  "PUBLISH chan message or PING\r\n");
        }
    }
}

} // namespace workbench
