#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Soak: MINUTES of mixed load on the project's servers and clients, sampling their resident
# memory and open descriptors every SEGMENT seconds, then growth per million requests.
#   - holla: examples' tcp_holla_server under ../shared/bench/echoload (20 connections, a new
#     set every segment, so connections churn too);
#   - redis: bench's redis_bench (20 RedisClients, SET and GET rounds of 100,000) against a
#     private redis-server.
# Growth is measured from the first sample (after warm-up) to the last.
#
#   bench/soak.sh MINUTES [BUILD_DIR]       (default build; builds nothing)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:?usage: bench/soak.sh MINUTES [BUILD_DIR]}
build=${2:-build}
segment=${SEGMENT:-30}
holla_bin=$build/examples/tcp_holla_server
redis_bench_bin=$build/bench/redis_bench
for f in "$holla_bin" "$redis_bench_bin"; do
    [[ -x $f ]] || { echo "build $f first" >&2; exit 1; }
done

tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

cc -O2 -o "$tmp/echoload" ../shared/bench/echoload.c
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
holla_port=$(free_port)
redis_port=$(free_port)

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$tmp" >/dev/null &
pids+=($!)
"$holla_bin" "$holla_port" >"$tmp/holla.log" 2>&1 &
holla_pid=$!
pids+=($holla_pid)
sleep 1
"$redis_bench_bin" -p "$redis_port" -c 20 -n 100000 -t set,get --rounds 1000000 \
    >"$tmp/redis.log" 2>&1 &
bench_pid=$!
pids+=($bench_pid)

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
fds() { ls "/proc/$1/fd" | wc -l; }
holla_requests() { awk -F'"requests":' '{split($2, a, ","); n += a[1]} END {print n + 0}' "$tmp/holla.jsonl" 2>/dev/null || echo 0; }
redis_requests() { echo $(( $(grep -c 'requests per second' "$tmp/redis.log" || true) * 100000 )); }

: >"$tmp/holla.jsonl"
end=$((SECONDS + $(awk -v m="$minutes" 'BEGIN { print int(m * 60) }')))
printf '%6s %12s %10s %6s %12s %10s %6s\n' time holla_reqs holla_KiB fds redis_reqs bench_KiB fds
first=""
while ((SECONDS < end)); do
    "$tmp/echoload" -p "$holla_port" -c 20 -s 64 -d "$segment" >>"$tmp/holla.jsonl" || true
    line="$(holla_requests) $(rss_kib $holla_pid) $(fds $holla_pid) $(redis_requests) $(rss_kib $bench_pid) $(fds $bench_pid)"
    read -r hr hk hf rr rk rf <<<"$line"
    printf '%5ss %12s %10s %6s %12s %10s %6s\n' "$SECONDS" "$hr" "$hk" "$hf" "$rr" "$rk" "$rf"
    [[ -n $first ]] || first=$line
    last=$line
done

read -r hr0 hk0 hf0 rr0 rk0 rf0 <<<"$first"
read -r hr1 hk1 hf1 rr1 rk1 rf1 <<<"$last"
per_million() { # growth requests
    awk -v g="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.1f", g / (n / 1e6); else print "n/a" }'
}
echo
echo "holla (tcp_holla_server): $hr1 requests; RSS ${hk0} -> ${hk1} KiB," \
    "$(per_million $((hk1 - hk0)) $((hr1 - hr0))) KiB per million requests;" \
    "descriptors $hf0 -> $hf1"
echo "redis (redis_bench): $rr1 requests; RSS ${rk0} -> ${rk1} KiB," \
    "$(per_million $((rk1 - rk0)) $((rr1 - rr0))) KiB per million requests;" \
    "descriptors $rf0 -> $rf1"
