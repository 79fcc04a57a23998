// SPDX-License-Identifier: MIT
// What a workbench Service does: the Loop functions behind each Behaviour.
#pragma once

#include "servicespec.h"

#include <diesel/core/queue.h>
#include <diesel/core/service.h>

#include <memory>
#include <string>

namespace workbench {

class LineBroker;
using StringQueue = diesel::Queue<std::string>;

/// What a behaviour needs besides the connection: the Queue to push into, the broker's state.
struct BehaviourContext
{
    std::shared_ptr<StringQueue> queue;
    std::shared_ptr<LineBroker> broker;
};

/// The handler of a TCP Service with `behaviour` (each connection's Loop runs it).
diesel::Service::Handler tcpHandler(Behaviour behaviour, BehaviourContext context);
/// The handler of a UDP Service (one Loop serves every datagram). The broker is TCP only.
diesel::UDPService::Handler udpHandler(Behaviour behaviour, BehaviourContext context);

/// ASCII upper case, as the guide's message.upper().
std::string upper(std::string text);
/// The text without its trailing "\r\n" or "\n".
std::string stripEol(std::string text);

} // namespace workbench
