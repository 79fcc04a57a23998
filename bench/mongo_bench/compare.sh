#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starts the MongoDB test peer, runs mongo_bench and the official Node.js driver's node_bench.js
# against it (alternating, --rounds times), then mongo_bench -s (one Loop: diesel's stream against
# the driver's own socket stream), and prints each figure with the peer's CPU use during the run
# (a peer near 100% of one core is the bottleneck: then the figures compare the peer, not the
# clients).
#   bench/mongo_bench/compare.sh [build dir] [rounds] [requests]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
rounds=${2:-3}
requests=${3:-20000}
modules=$build/tests/mongodb/mongo-peer
source "$here/../common/node_peer.sh"
npm_install "$modules" "$here/../../tests/peers/mongo" mongodb
export NODE_PATH=$modules/node_modules
start_peer "$build/mongo_bench_peer.out" "$here/../../tests/peers/mongo/peer.js" --port 0

for round in $(seq "$rounds"); do
    echo "round $round"
    measure "diesel" "$build/bench/mongo_bench" -p "$port" -n "$requests"
    measure "node  " node "$here/node_bench.js" 127.0.0.1 "$port" 50 "$requests"
done
measure "1 Loop" "$build/bench/mongo_bench" -p "$port" -n "$((requests / 4))" -s
