// SPDX-License-Identifier: MIT
#include "behaviours.h"
#include "linebroker.h"
#include "poolhandle.h"

#include <diesel/core/error.h>
#include <diesel/core/io.h>

#include <algorithm>
#include <cctype>

namespace workbench {

std::string upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::string stripEol(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    return text;
}

std::string receiveLine(ServiceTally &tally)
{
    std::string line = diesel::until_eol();
    ++tally.lines;
    tally.bytesIn += line.size();
    return stripEol(std::move(line));
}

namespace {

// The guide's tcp_holla_server.py, line for line (and counted).
void hollaBack(ServiceTally &tally)
{
    for (;;) {
        std::string message = diesel::until_eol();
        ++tally.lines;
        tally.bytesIn += message.size();
        std::string shouted = upper(std::move(message));
        tally.bytesOut += shouted.size();
        diesel::send(shouted);
    }
}

void echo(ServiceTally &tally)
{
    for (;;) {
        std::string bytes = diesel::receive();
        tally.bytesIn += bytes.size();
        tally.bytesOut += bytes.size();
        diesel::send(bytes);
    }
}

// Sends `reply` and a line end, counted.
void answer(ServiceTally &tally, std::string reply)
{
    reply += "\r\n";
    tally.bytesOut += reply.size();
    diesel::send(reply);
}

void pushLines(StringQueue &queue, ServiceTally &tally)
{
    for (;;) {
        queue.put(receiveLine(tally)); // waits while a bounded Queue is full
        answer(tally, "QUEUED " + std::to_string(queue.size()));
    }
}

// A proxy: each line through the Pool, its reply back. A failure answers that line with ERROR
// and the connection carries on: the peer decides whether to try again.
void forwardLines(const Link<PoolHandle> &pool, ServiceTally &tally)
{
    for (;;) {
        const std::string line = receiveLine(tally);
        std::string reply;
        try {
            reply = pool().request(line);
        } catch (const diesel::Error &e) {
            reply = std::string("ERROR ") + e.what();
        }
        answer(tally, std::move(reply));
    }
}

// Publishes `line` on the linked broker's `channel`: "PUBLISHED chan N", or "ERROR why".
std::string publishLine(const Link<std::shared_ptr<LineBroker>> &broker, const std::string &channel,
                        const std::string &line)
{
    try {
        const std::size_t receivers = broker()->publish(channel, line);
        return "PUBLISHED " + channel + " " + std::to_string(receivers);
    } catch (const diesel::Error &e) {
        return std::string("ERROR ") + e.what();
    }
}

} // namespace

diesel::Service::Handler tcpHandler(Behaviour behaviour, BehaviourContext context)
{
    auto tally = context.tally;
    switch (behaviour) {
    case Behaviour::Echo:
        return [tally](const diesel::Address &) { echo(*tally); };
    case Behaviour::Holla:
        return [tally](const diesel::Address &) { hollaBack(*tally); };
    case Behaviour::Broker:
        return [broker = context.broker, tally](const diesel::Address &peer) {
            broker->serve(peer, *tally);
        };
    case Behaviour::QueuePush:
        return
            [queue = context.queue, tally](const diesel::Address &) { pushLines(*queue, *tally); };
    case Behaviour::Forward:
        return
            [pool = context.pool, tally](const diesel::Address &) { forwardLines(pool, *tally); };
    case Behaviour::Publish:
        return [broker = context.publishTo, channel = context.channel,
                tally](const diesel::Address &) {
            for (;;)
                answer(*tally, publishLine(broker, channel, receiveLine(*tally)));
        };
    case Behaviour::Script: // needs its script: scriptHandler() (scriptbehaviour.h)
        break;
    }
    return {};
}

diesel::UDPService::Handler udpHandler(Behaviour behaviour, BehaviourContext context)
{
    auto tally = context.tally;
    // Takes the next datagram, counted.
    auto take = [tally] {
        std::string datagram = diesel::receive(diesel::datagram);
        ++tally->lines;
        tally->bytesIn += datagram.size();
        return datagram;
    };
    auto reply = [tally](const std::string &datagram) {
        tally->bytesOut += datagram.size();
        diesel::send(datagram);
    };
    switch (behaviour) {
    case Behaviour::Echo:
        return [take, reply] {
            for (;;)
                reply(take());
        };
    case Behaviour::Holla:
    case Behaviour::Broker:  // refused before it gets here; holla is the harmless fallback
    case Behaviour::Script:  // likewise
    case Behaviour::Forward: // likewise
        // The guide's udp_holla_server.py.
        return [take, reply] {
            for (;;)
                reply(upper(take()));
        };
    case Behaviour::Publish:
        return [take, reply, broker = context.publishTo, channel = context.channel] {
            for (;;)
                reply(publishLine(broker, channel, stripEol(take())) + "\r\n");
        };
    case Behaviour::QueuePush:
        return [take, reply, queue = context.queue] {
            for (;;) {
                std::string line = stripEol(take());
                // One Loop serves every sender: it must not wait for room.
                const bool queued = queue->try_put(std::move(line));
                reply(queued ? "QUEUED " + std::to_string(queue->size()) + "\r\n"
                             : std::string("FULL\r\n"));
            }
        };
    }
    return {};
}

} // namespace workbench
