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
if [ ! -d "$modules/node_modules/mongodb" ]; then
    mkdir -p "$modules"
    cp "$here/../../tests/peers/mongo/package.json" "$here/../../tests/peers/mongo/package-lock.json" "$modules/"
    (cd "$modules" && npm ci --no-audit --no-fund --loglevel=error)
fi
export NODE_PATH=$modules/node_modules

node "$here/../../tests/peers/mongo/peer.js" --port 0 > "$build/mongo_bench_peer.out" &
peer=$!
trap 'kill $peer' EXIT
until grep -q listening "$build/mongo_bench_peer.out"; do sleep 0.1; done
port=$(sed -n 's/listening //p' "$build/mongo_bench_peer.out")

cpu() { awk '{print $14 + $15}' "/proc/$peer/stat"; }
measure() { # label command...
    local label=$1; shift
    local before after start end
    before=$(cpu); start=$(date +%s.%N)
    "$@" | sed "s/^/$label /"
    after=$(cpu); end=$(date +%s.%N)
    awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$start" -v e="$end" -v l="$label" \
        'BEGIN { printf "%s peer CPU: %.0f%% of one core\n", l, 100 * t / hz / (e - s) }'
}
for round in $(seq "$rounds"); do
    echo "round $round"
    measure "diesel" "$build/bench/mongo_bench" -p "$port" -n "$requests"
    measure "node  " node "$here/node_bench.js" 127.0.0.1 "$port" 50 "$requests"
done
measure "1 Loop" "$build/bench/mongo_bench" -p "$port" -n "$((requests / 4))" -s
