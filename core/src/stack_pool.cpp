// SPDX-License-Identifier: MIT
#include "logging.h"
#include "stack_pool.h"

#include <diesel/core/error.h>

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define DIESEL_HAVE_VALGRIND 1
#endif

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <string>

namespace diesel::detail {

namespace {
// Free stacks kept for reuse; beyond this they are unmapped.
constexpr std::size_t kCacheLimit = 1024;

std::size_t page_size() noexcept
{
    static const std::size_t size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return size;
}
} // namespace

StackPool::~StackPool()
{
    for (auto &sc : m_cache) {
        auto it = m_meta.find(sc.sp);
        if (it != m_meta.end())
            unmap(sc.sp, it->second);
    }
}

boost::context::stack_context StackPool::allocate(std::size_t size)
{
    const std::size_t page = page_size();
    size = (size + page - 1) / page * page;
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
    void *base = ::mmap(nullptr, total, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (base == MAP_FAILED)
        throw Error(std::string("cannot map a Loop stack: ") + std::strerror(errno));
    if (guarded && ::mprotect(base, page, PROT_NONE) != 0) {
        ::munmap(base, total);
        throw Error(std::string("cannot protect a Loop stack: ") + std::strerror(errno));
    }
    boost::context::stack_context sc;
    sc.size = size;
    sc.sp = static_cast<char *>(base) + total;
    Meta meta{total, guarded, 0};
#ifdef DIESEL_HAVE_VALGRIND
    meta.valgrind_id = VALGRIND_STACK_REGISTER(static_cast<char *>(sc.sp) - size, sc.sp);
#endif
    m_meta.emplace(sc.sp, meta);
    if (guarded)
        ++m_guarded_live;
    if (m_cache_size == 0)
        m_cache_size = size;
    return sc;
}

void StackPool::deallocate(boost::context::stack_context &sc) noexcept
{
    if (sc.size == m_cache_size && m_cache.size() < kCacheLimit) {
        try {
            m_cache.push_back(sc);
            return;
        } catch (const std::bad_alloc &) {
            // Fall through and unmap it.
        }
    }
    auto it = m_meta.find(sc.sp);
    if (it == m_meta.end())
        return;
    unmap(sc.sp, it->second);
    m_meta.erase(it);
}

void StackPool::unmap(void *top, const Meta &meta) noexcept
{
#ifdef DIESEL_HAVE_VALGRIND
    VALGRIND_STACK_DEREGISTER(meta.valgrind_id);
#endif
    if (meta.guarded)
        --m_guarded_live;
    ::munmap(static_cast<char *>(top) - meta.total, meta.total);
}

} // namespace diesel::detail
