// SPDX-License-Identifier: MIT
#include "stack_memory.h"

#include <diesel/core/error.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace diesel::detail {

std::size_t page_size() noexcept
{
    static const std::size_t size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return size;
}

void *map_stack(std::size_t total, bool guard)
{
    void *base = ::mmap(nullptr, total, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (base == MAP_FAILED)
        throw Error(std::string("cannot map a Loop stack: ") + std::strerror(errno),
                    std::error_code(errno, std::generic_category()));
    if (guard && ::mprotect(base, page_size(), PROT_NONE) != 0) {
        const int error = errno;
        ::munmap(base, total);
        throw Error(std::string("cannot protect a Loop stack: ") + std::strerror(error),
                    std::error_code(error, std::generic_category()));
    }
    return base;
}

void unmap_stack(void *base, std::size_t total) noexcept
{
    ::munmap(base, total);
}

} // namespace diesel::detail
