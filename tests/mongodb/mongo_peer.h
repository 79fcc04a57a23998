// SPDX-License-Identifier: MIT
// The MongoDB wire-protocol peer (tests/peers/mongo/peer.js) as a child process of a test:
// started on a free port, killed as a crash would, restarted on the same port.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dtest {

class MongoPeer
{
public:
    /// Starts `node peer.js` with `extra` arguments (--max-batch N); blocks the thread until it
    /// listens. Throws std::runtime_error when node is missing or the peer does not start.
    explicit MongoPeer(std::vector<std::string> extra = {});
    MongoPeer(const MongoPeer &) = delete;
    MongoPeer &operator=(const MongoPeer &) = delete;
    /// Stops the peer (SIGTERM, then SIGKILL).
    ~MongoPeer();

    std::uint16_t port() const noexcept { return m_port; }
    std::string host() const { return "127.0.0.1"; }
    /// mongodb://127.0.0.1:PORT/
    std::string uri() const;
    /// The peer's process id (for reading its CPU time).
    pid_t pid() const noexcept { return m_pid; }
    /// Kills the peer at once (SIGKILL); its data is gone.
    void kill();
    /// Starts it again on the same port (empty); blocks until it listens.
    void restart();
    bool running() const noexcept { return m_pid > 0; }

private:
    void launch(std::uint16_t port);
    std::vector<std::string> m_extra;
    std::uint16_t m_port = 0;
    pid_t m_pid = -1;
};

} // namespace dtest
