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
if [ ! -d "$modules/node_modules/basho-riak-client" ]; then
    mkdir -p "$modules"
    cp "$here/../../tests/peers/riak/check/package.json" "$here/../../tests/peers/riak/check/package-lock.json" "$modules/"
    (cd "$modules" && npm ci --no-audit --no-fund --loglevel=error)
fi

node "$here/../../tests/peers/riak/peer.js" > "$build/riak_bench_peer.out" &
peer=$!
trap 'kill $peer' EXIT
until grep -q listening "$build/riak_bench_peer.out"; do sleep 0.1; done
port=$(sed -n 's/listening //p' "$build/riak_bench_peer.out")

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
    measure "diesel" "$build/bench/riak_bench" -p "$port" -n "$requests"
    measure "node  " env NODE_PATH="$modules/node_modules" node "$here/node_bench.js" 127.0.0.1 "$port" 50 "$requests"
done
