// SPDX-License-Identifier: MIT
// A test peer written for Node.js (tests/peers/<name>/peer.js) as a child process of a test:
// started on a free port, killed as a crash would, restarted on the same port. The Riak and
// MongoDB fixtures derive from it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dtest {

/// What starts a peer: the program that names it in errors, node, its script and arguments.
struct NodePeerCommand
{
    std::string name;               ///< "the Riak peer", for error messages
    std::string node;               ///< the node executable
    std::string script;             ///< peer.js; it prints "listening PORT" when ready
    std::vector<std::string> extra; ///< arguments after --port PORT
    std::string node_path;          ///< NODE_PATH for its npm modules ("" : inherited)
};

class NodePeer
{
public:
    /// Starts `node script --port 0 extra…`; blocks the thread until it listens. Throws
    /// std::runtime_error when node is missing or the peer does not start.
    explicit NodePeer(NodePeerCommand command);
    NodePeer(const NodePeer &) = delete;
    NodePeer &operator=(const NodePeer &) = delete;
    /// Stops the peer (SIGTERM, then SIGKILL).
    ~NodePeer();

    std::uint16_t port() const noexcept { return m_port; }
    std::string host() const { return "127.0.0.1"; }
    /// The peer's process id (for reading its CPU time).
    pid_t pid() const noexcept { return m_pid; }
    /// Kills the peer at once (SIGKILL); its data is gone.
    void kill();
    /// Starts it again on the same port (empty); blocks until it listens.
    void restart();
    bool running() const noexcept { return m_pid > 0; }

private:
    void launch(std::uint16_t port);
    NodePeerCommand m_command;
    std::uint16_t m_port = 0;
    pid_t m_pid = -1;
};

} // namespace dtest
