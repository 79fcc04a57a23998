// SPDX-License-Identifier: MIT
// The MongoDB wire-protocol peer (tests/peers/mongo/peer.js) as a child process of a test; its
// npm modules come from the build tree (the mongo_peer_npm_ci fixture).
#pragma once

#include "node_peer.h"

namespace dtest {

class MongoPeer : public NodePeer
{
public:
    /// Starts the peer with `extra` arguments (--max-batch N); blocks the thread until it listens.
    explicit MongoPeer(std::vector<std::string> extra = {});
    /// mongodb://127.0.0.1:PORT/
    std::string uri() const;
};

} // namespace dtest
