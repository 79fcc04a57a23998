#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starts the Riak PBC test peer, runs riak_bench and the Node.js client's node_bench.js against
# it (alternating, --rounds times), and prints each figure with the peer's CPU use during the run
# (a peer near 100% of one core would be the bottleneck).
#   bench/riak_bench/compare.sh [build dir] [rounds] [requests]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
rounds=${2:-3}
requests=${3:-100000}
modules=$build/tests/riak/peer-check
source "$here/../common/node_peer.sh"
npm_install "$modules" "$here/../../tests/peers/riak/check" basho-riak-client
start_peer "$build/riak_bench_peer.out" "$here/../../tests/peers/riak/peer.js"

for round in $(seq "$rounds"); do
    echo "round $round"
    measure "diesel" "$build/bench/riak_bench" -p "$port" -n "$requests"
    measure "node  " env NODE_PATH="$modules/node_modules" node "$here/node_bench.js" 127.0.0.1 "$port" 50 "$requests"
done
