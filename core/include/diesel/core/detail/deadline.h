// SPDX-License-Identifier: MIT
// Turning the guide's timeouts (fractional seconds) into deadlines on the runtime's clock.
#pragma once

#include <diesel/core/types.h>

#include <chrono>

namespace diesel::detail {

// A timeout in the guide's seconds as a clock duration. Zero, negative and NaN mean none at all;
// absurdly long ones (infinity too) are capped so that adding them to the clock cannot overflow.
inline Clock::duration duration_of(Seconds timeout) noexcept
{
    constexpr double kLongest = 1e9; // about 31 years
    const double seconds = timeout.count();
    if (!(seconds > 0.0))
        return Clock::duration::zero();
    return std::chrono::duration_cast<Clock::duration>(Seconds(seconds > kLongest ? kLongest
                                                                                  : seconds));
}

// The deadline `timeout` from now (see duration_of()).
inline Clock::time_point deadline_after(Seconds timeout) noexcept
{
    return Clock::now() + duration_of(timeout);
}

} // namespace diesel::detail
