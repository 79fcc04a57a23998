// SPDX-License-Identifier: MIT
// Turning the guide's timeouts (fractional seconds) into deadlines on the runtime's clock.
#pragma once

#include <diesel/core/types.h>

#include <chrono>

namespace diesel::detail {

// The deadline `timeout` from now. Zero, negative and NaN timeouts mean "now"; absurdly long ones
// are capped so that adding them to the clock cannot overflow.
inline Clock::time_point deadline_after(Seconds timeout) noexcept
{
    constexpr double kLongest = 1e9; // about 31 years
    const double seconds = timeout.count();
    const Clock::time_point now = Clock::now();
    if (!(seconds > 0.0))
        return now;
    if (seconds > kLongest)
        return now + std::chrono::duration_cast<Clock::duration>(Seconds(kLongest));
    return now + std::chrono::duration_cast<Clock::duration>(timeout);
}

} // namespace diesel::detail
