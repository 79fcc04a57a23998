// SPDX-License-Identifier: MIT
// The Boost.Context fiber inside a detail::FiberHandle, read in place on every switch.
#pragma once

#include <diesel/core/detail/fiber_handle.h>

#include <boost/context/fiber.hpp>

#include <cstring>
#include <new>

namespace diesel::detail {

using Fiber = boost::context::fiber;

static_assert(sizeof(Fiber) <= sizeof(FiberHandle::storage),
              "a FiberHandle holds one Boost.Context fiber");
static_assert(alignof(Fiber) <= alignof(FiberHandle), "a FiberHandle is aligned for a fiber");

/// The fiber living in `handle`.
inline Fiber &fiber(FiberHandle &handle) noexcept
{
    return *std::launder(reinterpret_cast<Fiber *>(handle.storage));
}

/// Where a suspended fiber's saved context lies: a Boost.Context fcontext fiber is nothing but
/// that stack address (nullptr for an empty handle).
inline const char *saved_context(const FiberHandle &handle) noexcept
{
    static_assert(sizeof(Fiber) == sizeof(const char *), "an fcontext fiber is one pointer");
    const char *context;
    std::memcpy(&context, handle.storage, sizeof context);
    return context;
}

} // namespace diesel::detail
