// SPDX-License-Identifier: MIT
// Memory for Loop stacks from the operating system (POSIX): anonymous mappings whose pages cost
// memory only once touched, with an optional inaccessible guard page at the low end.
#pragma once

#include <cstddef>

namespace diesel::detail {

std::size_t page_size() noexcept;
// Maps `total` bytes (a multiple of page_size()); with `guard`, the lowest page faults on any
// access. Returns the mapping's base; throws Error.
void *map_stack(std::size_t total, bool guard);
void unmap_stack(void *base, std::size_t total) noexcept;

} // namespace diesel::detail
