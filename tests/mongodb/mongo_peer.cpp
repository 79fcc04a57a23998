// SPDX-License-Identifier: MIT
#include "mongo_peer.h"

namespace dtest {

MongoPeer::MongoPeer(std::vector<std::string> extra)
    : NodePeer({"the MongoDB peer", DIESEL_NODE, DIESEL_MONGO_PEER, std::move(extra),
                DIESEL_MONGO_PEER_MODULES "/node_modules"})
{}

std::string MongoPeer::uri() const
{
    return "mongodb://127.0.0.1:" + std::to_string(port()) + "/";
}

} // namespace dtest
