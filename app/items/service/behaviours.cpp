// SPDX-License-Identifier: MIT
#include "behaviours.h"
#include "linebroker.h"

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

namespace {

// The guide's tcp_holla_server.py, line for line.
void hollaBack()
{
    for (;;) {
        std::string message = diesel::until_eol();
        std::string shouted = upper(std::move(message));
        diesel::send(shouted);
    }
}

void echo()
{
    for (;;)
        diesel::send(diesel::receive());
}

void pushLines(StringQueue &queue)
{
    for (;;) {
        std::string line = stripEol(diesel::until_eol());
        queue.put(std::move(line)); // waits while a bounded Queue is full
        diesel::send("QUEUED " + std::to_string(queue.size()) + "\r\n");
    }
}

} // namespace

diesel::Service::Handler tcpHandler(Behaviour behaviour, BehaviourContext context)
{
    switch (behaviour) {
    case Behaviour::Echo:
        return [](const diesel::Address &) { echo(); };
    case Behaviour::Holla:
        return [](const diesel::Address &) { hollaBack(); };
    case Behaviour::Broker:
        return [broker = context.broker](const diesel::Address &) { broker->serve(); };
    case Behaviour::QueuePush:
        return [queue = context.queue](const diesel::Address &) { pushLines(*queue); };
    case Behaviour::Script: // needs its script: scriptHandler() (scriptbehaviour.h)
        break;
    }
    return {};
}

diesel::UDPService::Handler udpHandler(Behaviour behaviour, BehaviourContext context)
{
    switch (behaviour) {
    case Behaviour::Echo:
        return [] {
            for (;;)
                diesel::send(diesel::receive(diesel::datagram));
        };
    case Behaviour::Holla:
    case Behaviour::Broker: // refused before it gets here; holla is the harmless fallback
    case Behaviour::Script:
        // The guide's udp_holla_server.py.
        return [] {
            for (;;) {
                std::string message = diesel::receive(diesel::datagram);
                diesel::send(upper(std::move(message)));
            }
        };
    case Behaviour::QueuePush:
        return [queue = context.queue] {
            for (;;) {
                std::string line = stripEol(diesel::receive(diesel::datagram));
                // One Loop serves every sender: it must not wait for room.
                const bool queued = queue->try_put(std::move(line));
                diesel::send(queued ? "QUEUED " + std::to_string(queue->size()) + "\r\n"
                                    : std::string("FULL\r\n"));
            }
        };
    }
    return {};
}

} // namespace workbench
