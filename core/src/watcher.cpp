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

void Watcher::wake_readers() noexcept
{
    readers.for_each([](WaitNode &node) { node.notify(); });
}

void Watcher::wake_writers() noexcept
{
    writers.for_each([](WaitNode &node) { node.notify(); });
}

} // namespace diesel::detail
