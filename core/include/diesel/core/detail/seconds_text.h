// SPDX-License-Identifier: MIT
// How the runtime and its protocols write a duration in messages: "30 s", "1.5 s", "0.25 s".
#pragma once

#include <diesel/core/types.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

namespace diesel::detail {

// `d` in seconds with at most two decimals and no trailing zeros; negative durations show as 0.
inline std::string seconds_text(Clock::duration d)
{
    char text[32];
    const int n = std::snprintf(text, sizeof text, "%.2f",
                                std::max(0.0, std::chrono::duration<double>(d).count()));
    std::string s(text, n > 0 ? static_cast<std::size_t>(n) : 0);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.ends_with('.'))
        s.pop_back();
    return s + " s";
}

} // namespace diesel::detail
