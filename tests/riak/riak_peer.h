// SPDX-License-Identifier: MIT
// The Riak PBC peer (tests/peers/riak/peer.js) as a child process of a test.
#pragma once

#include "node_peer.h"

namespace dtest {

class RiakPeer : public NodePeer
{
public:
    /// Starts the peer with `extra` arguments (--list-keys-batch N, --fill BUCKET:COUNT); blocks
    /// the thread until it listens.
    explicit RiakPeer(std::vector<std::string> extra = {});
};

} // namespace dtest
