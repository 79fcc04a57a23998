// SPDX-License-Identifier: MIT
#include "fd.h"

#include <unistd.h>

namespace diesel::detail {

void Fd::reset() noexcept
{
    if (m_fd != kNoSocket)
        ::close(std::exchange(m_fd, kNoSocket));
}

} // namespace diesel::detail
