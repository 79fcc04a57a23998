// SPDX-License-Identifier: MIT
#include "riak_peer.h"

namespace dtest {

RiakPeer::RiakPeer(std::vector<std::string> extra)
    : NodePeer({"the Riak peer", DIESEL_NODE, DIESEL_RIAK_PEER, std::move(extra), {}})
{}

} // namespace dtest
