// SPDX-License-Identifier: MIT
#include "logging.h"

#include <diesel/core/pool.h>

#include <exception>
#include <string>

namespace diesel {

namespace {
std::string describe(std::string_view pool)
{
    return pool.empty() ? std::string("the connection pool")
                        : "connection pool '" + std::string(pool) + "'";
}
} // namespace

ConnectionPoolFull::ConnectionPoolFull(std::string_view pool, std::size_t pool_max)
    : Error(describe(pool) + " is full: all " + std::to_string(pool_max) +
            " connections are in use")
{}

namespace detail {

void pool_close_failed(std::string_view pool, const char *what) noexcept
{
    try {
        qCWarning(lcCore, "%s: closing a connection failed: %s", describe(pool).c_str(), what);
    } catch (const std::exception &) {
        // Out of memory while logging: the message is lost, the pool carries on.
    }
}

} // namespace detail
} // namespace diesel
