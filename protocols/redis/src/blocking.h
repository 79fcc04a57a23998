// SPDX-License-Identifier: MIT
// How long a blocking command (BLPOP, XREAD BLOCK, WAIT, ...) may rightly keep the server
// silent: the command timeout starts counting after it.
#pragma once

#include <diesel/core/types.h>

#include <optional>
#include <span>
#include <string_view>

namespace diesel::redis::detail {

// What a command's own timeout asks of the client's: wait this much longer, or forever.
struct BlockingTime
{
    Clock::duration extra{};
    bool forever = false;
};

// The blocking time `args` asks for: none for commands that do not block.
BlockingTime blocking_time(std::span<const std::string_view> args);

} // namespace diesel::redis::detail
