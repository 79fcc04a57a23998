// SPDX-License-Identifier: MIT
// An entry of a Hub's timer heap. Entries are intrusive (they live where the timer is used, often
// on a Loop's stack) and know their heap position, so cancelling one is O(log n).
#pragma once

#include <diesel/core/export.h>
#include <diesel/core/types.h>

#include <cstddef>
#include <cstdint>
#include <limits>

namespace diesel::detail {

struct DIESEL_CORE_EXPORT TimerEntry
{
    static constexpr std::size_t not_armed = std::numeric_limits<std::size_t>::max();

    Clock::time_point deadline{};
    std::uint64_t seq = 0; // orders equal deadlines first-armed, first-fired
    std::size_t heap_index = not_armed;
    void (*fire)(TimerEntry &) = nullptr;

    bool armed() const noexcept { return heap_index != not_armed; }
};

} // namespace diesel::detail
