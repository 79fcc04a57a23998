// SPDX-License-Identifier: MIT
#include "logging.h"

#include <diesel/core/loop_pool.h>

#include <exception>
#include <string>

namespace diesel::detail {

void loop_pool_handler_failed(std::string_view pool, const char *what) noexcept
{
    try {
        qCWarning(lcCore, "LoopPool '%s': a handler failed: %s", std::string(pool).c_str(), what);
    } catch (const std::exception &) {
        // Out of memory while logging: the message is lost, the pool carries on.
    }
}

} // namespace diesel::detail
