// SPDX-License-Identifier: MIT
#include <diesel/core/queue.h>

#include <string>

namespace diesel {

namespace {
std::string describe(std::string_view queue)
{
    return queue.empty() ? std::string("the queue") : "queue '" + std::string(queue) + "'";
}
} // namespace

QueueEmpty::QueueEmpty(std::string_view queue)
    : Error(describe(queue) + " is empty")
{}

QueueFull::QueueFull(std::string_view queue)
    : Error(describe(queue) + " is full")
{}

QueueTimeout::QueueTimeout(std::string_view queue)
    : TimeoutError("waiting on " + describe(queue) + " timed out")
{}

} // namespace diesel
