#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starts a six-node Redis Cluster (three primaries, three replicas) on free ports in a temporary
# directory and runs redis_bench --cluster --compare against it, without and with -P 16:
# RedisCluster's Loops beside `redis-benchmark --cluster` on the same cluster. redis-benchmark
# runs a thread per primary, and so does redis_bench by default (a Hub per primary, each on its
# own thread); `--threads 1` puts every Loop on one Hub.
#   bench/redis_cluster_bench.sh [build-dir] [extra redis_bench options, e.g. --threads 1]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
dir=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
nodes=()
for i in 1 2 3 4 5 6; do
    port=$(free_port)
    mkdir "$dir/$i"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes \
        --cluster-port "$(free_port)" --cluster-node-timeout 2000 --save '' --appendonly no \
        --dir "$dir/$i" --logfile "$dir/$i/redis.log" --protected-mode no &
    pids+=($!)
    nodes+=("127.0.0.1:$port")
done
for node in "${nodes[@]}"; do
    for _ in $(seq 100); do
        redis-cli -p "${node#*:}" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
done
redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >/dev/null
for node in "${nodes[@]}"; do
    until redis-cli -p "${node#*:}" cluster info | grep -q cluster_state:ok; do sleep 0.2; done
done
seed=${nodes[0]#*:}
echo "== SET/GET, 50 clients, no pipelining"
"$build/bench/redis_bench" --cluster -p "$seed" -c 50 --compare "$@"
echo "== SET/GET, 50 clients, -P 16"
"$build/bench/redis_bench" --cluster -p "$seed" -c 50 -P 16 -n 1000000 --compare "$@"
