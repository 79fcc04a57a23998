// SPDX-License-Identifier: MIT
// The Riak PBC peer (tests/peers/riak/peer.js) as a child process of a test: started on a free
// port, killed as a crash would, restarted on the same port.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dtest {

class RiakPeer
{
public:
    /// Starts `node peer.js` with `extra` arguments; blocks the thread until it listens. Throws
    /// std::runtime_error when node is missing or the peer does not start.
    explicit RiakPeer(std::vector<std::string> extra = {});
    RiakPeer(const RiakPeer &) = delete;
    RiakPeer &operator=(const RiakPeer &) = delete;
    /// Stops the peer (SIGTERM, then SIGKILL).
    ~RiakPeer();

    std::uint16_t port() const noexcept { return m_port; }
    std::string host() const { return "127.0.0.1"; }
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
