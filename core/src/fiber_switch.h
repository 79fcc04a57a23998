// SPDX-License-Identifier: MIT
// AddressSanitizer must be told about every switch between stacks, or it reports false stack
// overflows and use-after-return: start before the switch, finish first thing after it.
#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define DIESEL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DIESEL_ASAN 1
#endif
#endif

#ifdef DIESEL_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define DIESEL_MEMCHECK 1
#endif

namespace diesel::detail {

inline void start_switch(void **fake_stack, const void *bottom, std::size_t size) noexcept
{
#ifdef DIESEL_ASAN
    __sanitizer_start_switch_fiber(fake_stack, bottom, size);
#else
    (void)fake_stack;
    (void)bottom;
    (void)size;
#endif
}

inline void finish_switch(void *fake_stack, const void **old_bottom, std::size_t *old_size) noexcept
{
#ifdef DIESEL_ASAN
    __sanitizer_finish_switch_fiber(fake_stack, old_bottom, old_size);
#else
    (void)fake_stack;
    (void)old_bottom;
    (void)old_size;
#endif
}

// Marks `bytes` at `p` addressable again, should frames once have lain there: to ASan, and to
// valgrind's memcheck, which marks a stack's memory inaccessible as its frames return.
inline void unpoison(void *p, std::size_t bytes) noexcept
{
#ifdef DIESEL_ASAN
    ASAN_UNPOISON_MEMORY_REGION(p, bytes);
#endif
#ifdef DIESEL_MEMCHECK
    VALGRIND_MAKE_MEM_UNDEFINED(p, bytes);
#endif
    (void)p;
    (void)bytes;
}

#ifdef DIESEL_ASAN
inline constexpr std::size_t kDefaultStackSize = 256 * 1024;
#else
inline constexpr std::size_t kDefaultStackSize = 64 * 1024;
#endif

} // namespace diesel::detail
