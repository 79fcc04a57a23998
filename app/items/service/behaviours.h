// SPDX-License-Identifier: MIT
// What a workbench Service does: the Loop functions behind each Behaviour.
#pragma once

#include "servicespec.h"

#include <diesel/core/queue.h>
#include <diesel/core/service.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace workbench {

class LineBroker;
class PoolHandle;
using StringQueue = diesel::Queue<std::string>;

/// What a Service's behaviour counted since it started (the charts' numbers).
struct ServiceTally
{
    std::uint64_t lines = 0;    ///< lines (or datagrams) taken from peers
    std::uint64_t bytesIn = 0;  ///< bytes of those
    std::uint64_t bytesOut = 0; ///< bytes the behaviour sent back
};

/// A link to another item, followed at each line so that it sees the item stopped, started
/// again or removed: gives what the item offers now, or throws diesel::Error saying why not.
template<class T>
using Link = std::function<T()>;

/// What a behaviour needs besides the connection: the Queue to push into, the broker's state,
/// the Pool to forward through, the broker and channel to publish to, and where to count.
struct BehaviourContext
{
    std::shared_ptr<StringQueue> queue;
    std::shared_ptr<LineBroker> broker;
    Link<PoolHandle> pool;
    Link<std::shared_ptr<LineBroker>> publishTo;
    std::string channel;
    std::shared_ptr<ServiceTally> tally = std::make_shared<ServiceTally>();
};

/// The handler of a TCP Service with `behaviour` (each connection's Loop runs it).
diesel::Service::Handler tcpHandler(Behaviour behaviour, BehaviourContext context);
/// The handler of a UDP Service (one Loop serves every datagram). The broker is TCP only.
diesel::UDPService::Handler udpHandler(Behaviour behaviour, BehaviourContext context);

/// ASCII upper case, as the guide's message.upper().
std::string upper(std::string text);
/// The text without its trailing "\r\n" or "\n".
std::string stripEol(std::string text);
/// Suspends the calling Loop until a line arrives; returns it without its end, counted in
/// `tally`.
std::string receiveLine(ServiceTally &tally);

} // namespace workbench
