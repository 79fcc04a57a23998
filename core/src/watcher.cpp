// SPDX-License-Identifier: MIT
#include "watcher.h"

namespace diesel::detail {

void Watcher::on_ready(bool now_readable, bool now_writable) noexcept
{
    if (now_readable) {
        readable = true;
        wake_readers();
    }
    if (now_writable) {
        writable = true;
        wake_writers();
    }
}

} // namespace diesel::detail
