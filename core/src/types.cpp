// SPDX-License-Identifier: MIT
#include <diesel/core/error.h>
#include <diesel/core/types.h>

namespace diesel {

std::string_view to_string(LoopState state) noexcept
{
    switch (state) {
    case LoopState::Ready:
        return "ready";
    case LoopState::Running:
        return "running";
    case LoopState::Waiting:
        return "waiting";
    case LoopState::Dead:
        return "dead";
    }
    return "?";
}

std::string_view to_string(WaitKind kind) noexcept
{
    switch (kind) {
    case WaitKind::None:
        return "none";
    case WaitKind::Read:
        return "read";
    case WaitKind::Write:
        return "write";
    case WaitKind::Timer:
        return "timer";
    case WaitKind::Fire:
        return "fire";
    case WaitKind::Queue:
        return "queue";
    case WaitKind::Event:
        return "event";
    case WaitKind::Lock:
        return "lock";
    case WaitKind::Pool:
        return "pool";
    case WaitKind::Signal:
        return "signal";
    case WaitKind::Thread:
        return "thread";
    case WaitKind::Join:
        return "join";
    case WaitKind::First:
        return "first";
    case WaitKind::Other:
        return "other";
    }
    return "?";
}

std::string_view to_string(Transport transport) noexcept
{
    switch (transport) {
    case Transport::Tcp:
        return "tcp";
    case Transport::Tls:
        return "tls";
    case Transport::Udp:
        return "udp";
    }
    return "?";
}

NotInLoop::NotInLoop(const char *primitive)
    : Error(std::string(primitive) + "() must be called from inside a Loop")
{}

NoConnection::NoConnection(const char *primitive)
    : Error(std::string(primitive) +
            "() needs a connection: call it in a Service's Loop or inside Client::call()")
{}

ConnectionClosed::ConnectionClosed(const std::string &why, std::string buffered)
    : Error(why)
    , m_buffered(std::move(buffered))
{}

ParentDied::ParentDied()
    : Error("the parent Loop ended")
{}

} // namespace diesel
