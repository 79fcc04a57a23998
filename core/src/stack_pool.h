// SPDX-License-Identifier: MIT
// Fiber stacks for Loops, mapped lazily (only touched pages cost memory) and reused.
#pragma once

#include <boost/context/stack_context.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace diesel::detail {

// The cache line of the CPUs this runs on: stacks are spread over its multiples, and the Hub
// prefetches a Loop's lines by it.
inline constexpr std::size_t kCacheLine = 64;

// `n` rounded up to a multiple of `to` (stack sizes to pages, rooms on a stack to alignment).
constexpr std::size_t round_up(std::size_t n, std::size_t to) noexcept
{
    return (n + to - 1) / to * to;
}

// Each stack is one anonymous mapping with a PROT_NONE guard page at its low end while fewer
// than kGuardedLimit guarded stacks are live: a guard page splits the mapping in two, and
// vm.max_map_count (65530 by default) would otherwise cap a process near 32k Loops. Beyond the
// limit, stacks come without a guard page (said once in the log).
class StackPool
{
public:
    static constexpr std::size_t kGuardedLimit = 24576;

    StackPool() = default;
    StackPool(const StackPool &) = delete;
    StackPool &operator=(const StackPool &) = delete;
    ~StackPool();

    boost::context::stack_context allocate(std::size_t size);
    // Gives a stack back (to the cache, or unmapped); after keep(), the first call only ends
    // the hold and the second gives it back.
    void deallocate(boost::context::stack_context &sc) noexcept;
    // Holds `sc` for a second owner: an object in its top room (a Service's connection) that
    // outlives the Loop, as a connection still flushing its output after close does.
    static void keep(const boost::context::stack_context &sc) noexcept { meta_of(sc).kept = true; }
    // Where an object of `bytes` aligned to `align` fits at the top of `sc`, below the pool's
    // bookkeeping: the fiber's first frame lies below it, in the page every Loop touches.
    static void *top_room(const boost::context::stack_context &sc, std::size_t bytes,
                          std::size_t align) noexcept;
    std::size_t cached() const noexcept { return m_cache.size(); }

private:
    // A stack's bookkeeping, kept in the kMetaBytes at its top (below the mapping's end by the
    // stack's color, above the fiber's first frame: that page is touched by every Loop anyway,
    // so it costs no memory of its own).
    struct Meta
    {
        std::size_t total; // bytes mapped, the guard page included
        std::size_t size;  // the size asked for, rounded to pages: the cache's key
        bool guarded;
        bool kept; // see keep(): the next deallocate() only clears it
        unsigned valgrind_id;
        std::uint32_t color; // bytes left unused between the mapping's top and this bookkeeping
    };
    static constexpr std::size_t kMetaBytes = 32; // sizeof(Meta), keeping the top 16-aligned
    static_assert(sizeof(Meta) <= kMetaBytes);
    static Meta &meta_of(const boost::context::stack_context &sc) noexcept;
    void unmap(const boost::context::stack_context &sc) noexcept;

    std::vector<boost::context::stack_context> m_cache; // free stacks of m_cache_size bytes
    std::size_t m_cache_size = 0;
    std::size_t m_guarded_live = 0;
    bool m_said_unguarded = false;
};

// The allocator Boost.Context keeps in a fiber made on a stack the Hub allocated: the Loop that
// lives at the stack's top gives the stack back itself once it is destroyed (Boost.Context would
// give it back at the fiber's last switch, under the Loop still in use).
struct KeptStackAllocator
{
    void deallocate(boost::context::stack_context &) noexcept {}
};

} // namespace diesel::detail
