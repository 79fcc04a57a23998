// SPDX-License-Identifier: MIT
#include "fd.h"

#include <unistd.h>

namespace diesel::detail {

void Fd::reset() noexcept
{
    if (m_fd >= 0)
        ::close(std::exchange(m_fd, -1));
}

} // namespace diesel::detail
