// SPDX-License-Identifier: MIT
// Small vocabulary types shared by the whole runtime.
#pragma once

#include <diesel/core/export.h>

#include <chrono>
#include <cstdint>
#include <string_view>

namespace diesel {

/// The runtime's clock: every deadline and timestamp is on it.
using Clock = std::chrono::steady_clock;
/// Durations in the guide's unit (seconds, fractional).
using Seconds = std::chrono::duration<double>;
/// Unique (per process) id of a Loop; 0 means "no Loop".
using LoopId = std::uint64_t;
/// Unique (per process) id of a connection or socket; 0 means "none".
using ConnectionId = std::uint64_t;
/// The operating system's handle of a socket (a descriptor on POSIX); kNoSocket when closed.
using SocketHandle = int;
inline constexpr SocketHandle kNoSocket = -1;

/// Where a Loop is in its life.
enum class LoopState : std::uint8_t {
    Ready,   ///< scheduled to run in this or the next round of its Hub
    Running, ///< executing now (there is at most one per thread)
    Waiting, ///< suspended until one of the things in its WaitInfo happens
    Dead,    ///< returned or ended by an exception
};

/// What a waiting Loop waits for (also: what woke a Loop).
enum class WaitKind : std::uint8_t {
    None,
    Read,   ///< a socket to become readable
    Write,  ///< a socket to become writable
    Timer,  ///< a deadline (sleep, timeouts)
    Fire,   ///< a fire() of a named event (diesel's fire/wait)
    Queue,  ///< a Queue item, or room in a bounded Queue
    Event,  ///< an Event or Countdown
    Lock,   ///< a Lock / synchronized key
    Pool,   ///< a ConnectionPool connection
    Signal, ///< an OS signal
    Thread, ///< work running on a worker thread
    Join,   ///< another Loop to end
    First,  ///< several of the above at once (diesel's first())
    Other,  ///< a waitable defined outside the runtime
};

/// A short lower-case word for a state ("ready", "running", "waiting", "dead").
DIESEL_CORE_EXPORT std::string_view to_string(LoopState state) noexcept;
/// A short lower-case word for a wait kind ("read", "timer", "queue", ...).
DIESEL_CORE_EXPORT std::string_view to_string(WaitKind kind) noexcept;

/// Which way bytes went on a connection.
enum class Direction : std::uint8_t { In, Out };

/// The kind of transport of a connection.
enum class Transport : std::uint8_t { Tcp, Tls, Udp };

/// "tcp", "tls" or "udp".
DIESEL_CORE_EXPORT std::string_view to_string(Transport transport) noexcept;

} // namespace diesel
