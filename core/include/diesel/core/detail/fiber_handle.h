// SPDX-License-Identifier: MIT
// Room for a suspended fiber's context inside a Loop, so that loop.h names no Boost.Context
// header: the fiber (one pointer) lives in this storage, made, switched and destroyed by the
// runtime's sources only (core/src/fiber_handle.h), with no indirection on the switch.
#pragma once

#include <cstddef>

namespace diesel::detail {

/// One Boost.Context fiber, empty until the runtime moves one in (internal: core/src only).
class FiberHandle
{
public:
    FiberHandle() noexcept;
    /// Unwinds a still-suspended fiber, as the fiber's own destructor does.
    ~FiberHandle();
    FiberHandle(const FiberHandle &) = delete;
    FiberHandle &operator=(const FiberHandle &) = delete;

    alignas(void *) std::byte storage[sizeof(void *)];
};

} // namespace diesel::detail
