// SPDX-License-Identifier: MIT
#include "logging.h"
#include "platform/stack_memory.h"
#include "stack_pool.h"

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define DIESEL_HAVE_VALGRIND 1
#endif

#include <cstdint>
#include <new>

namespace diesel::detail {

namespace {
// Free stacks kept for reuse; beyond this they are unmapped.
constexpr std::size_t kCacheLimit = 1024;

// Every mapping ends at a page boundary, so without this every stack's top lines (the Loop, the
// saved context, the frames a switch pops) would sit at the same offset in a page: the same
// few sets of the L1 and L2 caches, where a thousand Loops taking turns evict each other. A
// stack starts a number of cache lines below its top, picked from its address.
constexpr unsigned kColorBits = 5; // 32 offsets: at most 1,984 bytes, within the top page

std::uint32_t color_of(const char *top) noexcept
{
    // splitmix64's finaliser: stacks are mapped at a fixed stride (17 pages by default), and a
    // plain multiplicative hash of such a sequence gave as few as 5 offsets among 64 stacks.
    std::uint64_t x = reinterpret_cast<std::uintptr_t>(top) / page_size();
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return static_cast<std::uint32_t>(x >> (64 - kColorBits)) * kCacheLine;
}
} // namespace

StackPool::~StackPool()
{
    for (auto &sc : m_cache)
        unmap(sc);
}

StackPool::Meta &StackPool::meta_of(const boost::context::stack_context &sc) noexcept
{
    return *static_cast<Meta *>(sc.sp);
}

boost::context::stack_context StackPool::allocate(std::size_t size)
{
    const std::size_t page = page_size();
    size = round_up(size, page);
    if (size == m_cache_size && !m_cache.empty()) {
        boost::context::stack_context sc = m_cache.back();
        m_cache.pop_back();
        return sc;
    }
    const bool guarded = m_guarded_live < kGuardedLimit;
    if (!guarded && !m_said_unguarded) {
        m_said_unguarded = true;
        qCInfo(lcCore, "more than %zu Loops: new stacks come without guard pages", kGuardedLimit);
    }
    const std::size_t total = size + (guarded ? page : 0);
    char *base = static_cast<char *>(map_stack(total, guarded));
    const std::uint32_t color = color_of(base + total);
    boost::context::stack_context sc;
    sc.sp = base + total - color - kMetaBytes;
    sc.size = size - color - kMetaBytes;
    Meta &meta = *new (sc.sp) Meta{total, size, guarded, false, 0, color};
#ifdef DIESEL_HAVE_VALGRIND
    meta.valgrind_id = VALGRIND_STACK_REGISTER(static_cast<char *>(sc.sp) - sc.size, sc.sp);
#endif
    if (guarded)
        ++m_guarded_live;
    if (m_cache_size == 0)
        m_cache_size = meta.size;
    return sc;
}

void *StackPool::top_room(const boost::context::stack_context &sc, std::size_t bytes,
                          std::size_t align) noexcept
{
    const auto top = reinterpret_cast<std::uintptr_t>(sc.sp);
    return reinterpret_cast<void *>((top - bytes) / align * align);
}

void StackPool::deallocate(boost::context::stack_context &sc) noexcept
{
    if (Meta &meta = meta_of(sc); meta.kept) {
        meta.kept = false;
        return;
    }
    if (meta_of(sc).size == m_cache_size && m_cache.size() < kCacheLimit) {
        try {
            m_cache.push_back(sc);
            return;
        } catch (const std::bad_alloc &) {
            // Fall through and unmap it.
        }
    }
    unmap(sc);
}

void StackPool::unmap(const boost::context::stack_context &sc) noexcept
{
    const Meta meta = meta_of(sc);
#ifdef DIESEL_HAVE_VALGRIND
    VALGRIND_STACK_DEREGISTER(meta.valgrind_id);
#endif
    if (meta.guarded)
        --m_guarded_live;
    unmap_stack(static_cast<char *>(sc.sp) + kMetaBytes + meta.color - meta.total, meta.total);
}

} // namespace diesel::detail
