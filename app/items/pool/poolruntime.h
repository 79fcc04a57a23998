// SPDX-License-Identifier: MIT
// What a running Pool's Loops share with its controller (private to the pool folder).
#pragma once

#include "poolcontroller.h"

#include <diesel/core/client.h>
#include <diesel/core/connection.h>
#include <diesel/core/pool.h>

#include <memory>
#include <vector>

namespace workbench {

/// The actor Loops and PoolHandles hold it, so the pool lives until the last of them has unwound
/// (a ConnectionPool must outlive the Loops that use it).
struct PoolRuntime
{
    explicit PoolRuntime(PoolSpec s)
        : spec(std::move(s))
        , actors(std::size_t(spec.actors))
    {}

    PoolSpec spec;
    std::vector<PoolActor> actors;
    // Every connection the pool made; the sampler lists the open ones and forgets the rest.
    std::vector<std::weak_ptr<diesel::Connection>> sockets;
    std::unique_ptr<diesel::ConnectionPool<diesel::Client>> pool;
    bool stopped = false; ///< set when the Pool item stops: no more borrowing
};

} // namespace workbench
