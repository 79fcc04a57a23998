// SPDX-License-Identifier: MIT
// Fault injection: what a connection does wrong on purpose, so that a client (or a server) can
// be tested against a slow, choppy or dying peer — the workbench's answer to `tc netem`. A plan
// acts on TCP and TLS streams at the socket (on TLS, on the ciphertext), not on UDP.
#pragma once

#include <diesel/core/types.h>

#include <cstddef>
#include <cstdint>

namespace diesel {

/// The faults one connection injects. The default plan injects none and costs nothing.
struct FaultPlan
{
    /// Every chunk read or written waits this long before it moves (each direction apart).
    Clock::duration latency{};
    /// Bytes per second each direction may move; 0: no cap.
    double bandwidth = 0;
    /// Largest piece one read takes from the socket (the reader sees short reads); 0: no limit.
    std::size_t max_read = 0;
    /// Largest piece one write puts on the socket, pieces at least 1 ms apart so that the peer
    /// reads them apart; 0: no limit.
    std::size_t max_write = 0;
    /// Drops the connection once it has written this many bytes since its faults were switched
    /// on: the peer gets exactly these, then the end (or a reset). 0: never.
    std::uint64_t drop_after = 0;
    /// Chance (0 to 1) that the connection is dropped at each chunk it reads or writes.
    double drop_probability = 0;
    /// Closes (also when dropped) with a reset (RST, SO_LINGER 0) instead of an orderly end.
    bool reset = false;

    /// Whether the plan injects anything at all.
    bool active() const noexcept
    {
        return latency > Clock::duration::zero() || bandwidth > 0 || max_read > 0 ||
               max_write > 0 || drop_after > 0 || drop_probability > 0 || reset;
    }
    bool operator==(const FaultPlan &) const = default;
};

} // namespace diesel
