// SPDX-License-Identifier: MIT
#include <diesel/core/detail/seconds_text.h>
#include <diesel/core/loop.h>

#include <string>

namespace diesel {

using detail::seconds_text;

std::string describe(const WaitInfo &w, Clock::time_point now)
{
    std::string text(to_string(w.kind));
    switch (w.kind) {
    case WaitKind::Read:
    case WaitKind::Write:
        text += " fd " + std::to_string(w.fd);
        break;
    case WaitKind::Timer:
        text += " " + seconds_text(w.deadline - now);
        if (!w.name.empty()) {
            text += " ";
            text += w.name;
        }
        return text;
    case WaitKind::First:
        text += "(";
        for (std::uint8_t i = 0; i < w.branch_count; ++i) {
            if (i)
                text += ", ";
            text += describe(w.branches[i], now);
        }
        text += ")";
        return text;
    default:
        if (!w.name.empty()) {
            text += " ";
            text += w.name;
        }
        break;
    }
    if (w.deadline != Clock::time_point{})
        text += " (timeout " + seconds_text(w.deadline - now) + ")";
    return text;
}

} // namespace diesel
