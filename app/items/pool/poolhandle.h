// SPDX-License-Identifier: MIT
// What other items' Loops hold to send lines through a running Pool: a Service that forwards
// each line (a proxy), a Queue whose consumers send each item on. The Pool's actors use it too.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace workbench {

struct PoolRuntime;

class PoolHandle
{
public:
    explicit PoolHandle(std::shared_ptr<PoolRuntime> runtime);

    /// Borrows a connection, sends `line` (without its end of line, "\r\n" is added), waits for
    /// one reply line and gives the connection back; returns the reply without its end of line.
    /// Suspends the calling Loop. Throws diesel::Error when the Pool was stopped, is full past
    /// its max wait or its connection fails, and diesel::TimeoutError when no reply comes within
    /// the Pool's reply timeout (that connection is then discarded, not reused).
    std::string request(std::string_view line) const;
    /// The Pool's name, for messages ("pool backends: ...").
    std::string name() const;

private:
    // Shared with the Pool's own Loops: the pool lives until the last holder lets go.
    std::shared_ptr<PoolRuntime> m_runtime;
};

} // namespace workbench
