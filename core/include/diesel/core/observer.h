// SPDX-License-Identifier: MIT
// How the runtime reports what it does, for tools such as the workbench. Costs one branch per
// event while nobody listens; each Observer says which kinds of events it wants.
#pragma once

#include <diesel/core/address.h>
#include <diesel/core/export.h>
#include <diesel/core/types.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace diesel {

class Loop;

/// A snapshot of one live Loop (see Hub::snapshot()).
struct DIESEL_CORE_EXPORT LoopInfo
{
    LoopId id = 0;
    LoopId parent = 0;
    std::string label;
    LoopState state = LoopState::Ready;
    WaitKind wait_kind = WaitKind::None;
    std::string waits_on;        ///< "read fd 17", "timer 0.4 s", "queue jobs", "first(...)"
    Clock::time_point since{};   ///< when it entered its state
    std::uint64_t switches = 0;  ///< times it was resumed
    std::uint64_t bytes_in = 0;  ///< bytes read on connections while it ran
    std::uint64_t bytes_out = 0; ///< bytes written on connections while it ran
    bool child = false;          ///< started with fork_child()
    ConnectionId connection = 0; ///< its current connection, if any
    std::string service;         ///< the Service whose connection it serves ("": none)
    std::uint64_t deaths = 0;    ///< times it ended before (keep-alive restarts)
    bool keep_alive = false;     ///< restarted 0.5 s after each end
};

/// A connection as observers see it.
struct DIESEL_CORE_EXPORT ConnectionInfo
{
    ConnectionId id = 0;
    Transport transport = Transport::Tcp;
    Address local;
    Address peer;
    std::string owner;     ///< the Service or Client it belongs to ("service :4321", "client")
    bool outgoing = false; ///< this side connected (a Client); false: it was accepted or bound
    bool faults = false;   ///< a FaultPlan acts on it: its traffic is delayed, split or cut
};

/// One run of a Loop between two switches: when it ran and what woke it.
struct DIESEL_CORE_EXPORT Slice
{
    LoopId loop = 0;
    Clock::time_point begin{};
    Clock::time_point end{};
    WaitKind cause = WaitKind::None; ///< None: its first run or a plain yield
};

/// Receives the runtime's events on the Hub's thread. Callbacks must not suspend and should be
/// quick: they run inside the runtime's hot paths. Hub::add_observer() reads interests() once.
class DIESEL_CORE_EXPORT Observer
{
public:
    /// Kinds of events, combined as a bit mask in interests().
    enum Interest : unsigned {
        Lifecycle = 1u << 0,   ///< loop_started, loop_ended
        States = 1u << 1,      ///< loop_state_changed on every switch
        Connections = 1u << 2, ///< connection_opened, connection_closed, fault
        Data = 1u << 3,        ///< data, with the bytes
        Slices = 1u << 4,      ///< slice: costs two clock reads per switch
        All = 0x1f,
    };

    virtual ~Observer() = default;
    /// Which events this observer wants.
    virtual unsigned interests() const = 0;

    virtual void loop_started(const Loop &) {}
    /// The Loop's state() or wait_info() changed.
    virtual void loop_state_changed(const Loop &) {}
    /// `error` is the text of the exception that ended it, empty when it returned.
    virtual void loop_ended(const Loop &, std::string_view /*error*/) {}
    virtual void connection_opened(const ConnectionInfo &) {}
    virtual void connection_closed(const ConnectionInfo &, std::string_view /*reason*/) {}
    /// An injected fault struck `conn` ("dropped after 10 bytes written", "reset"); the
    /// connection_closed() that follows names it too.
    virtual void fault(const ConnectionInfo & /*conn*/, std::string_view /*what*/) {}
    /// Bytes that crossed `conn`; `loop` read or wrote them (0: the Hub flushed them).
    virtual void data(const ConnectionInfo & /*conn*/, Direction, std::string_view /*bytes*/,
                      LoopId /*loop*/)
    {}
    virtual void slice(const Slice &) {}
};

} // namespace diesel
