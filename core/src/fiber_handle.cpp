// SPDX-License-Identifier: MIT
#include "fiber_handle.h"

namespace diesel::detail {

FiberHandle::FiberHandle() noexcept
{
    ::new (static_cast<void *>(storage)) Fiber();
}

FiberHandle::~FiberHandle()
{
    fiber(*this).~Fiber();
}

} // namespace diesel::detail
