#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Where does a holla server's time go? Runs each given server in turn (round-robin, so that the
# machine's drift hits all of them alike; a fixed A-then-B order biased such figures by a fifth
# here), pinned to CPU 0 with ../shared/bench/echoload on CPU 1, and reads the server's CPU time
# from /proc before and after each run. Prints, per server, the medians of requests per run and of
# user and system microseconds per request.
#
#   bench/holla_cpu.sh 'build/examples/tcp_holla_server {port}' '/tmp/epoll_holla {port}'
#   ROUNDS=16 CONNS=1000 SECONDS_PER_RUN=4 bench/holla_cpu.sh 'A {port}' 'B {port}'
set -euo pipefail
(($# > 0)) || { sed -n '3,10p' "$0" >&2; exit 2; }
rounds=${ROUNDS:-8}
conns=${CONNS:-1000}
seconds=${SECONDS_PER_RUN:-3}
load_src=${ECHOLOAD_SRC:-$(dirname "$0")/../../shared/bench/echoload.c}
[[ -f $load_src ]] || { echo "missing: $load_src (set ECHOLOAD_SRC)" >&2; exit 1; }
ulimit -n $((conns + 1000)) || { echo "cannot open $((conns + 1000)) descriptors (ulimit -Hn)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -o "$tmp/echoload" "$load_src"
ticks=$(getconf CLK_TCK)
port=$((20000 + RANDOM % 8000)) # below the ephemeral range, where a probe cannot take it

# Waits for the server on $1 to listen (5 s at most).
listening() {
    for _ in $(seq 100); do
        (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}

# One run of server $1 (its index) with command $2: appends "index requests user sys" (ticks).
run() {
    port=$((port + 1))
    taskset -c 0 ${2//\{port\}/$port} >/dev/null 2>&1 &
    local pid=$!
    if ! listening "$port"; then
        echo "server $1 did not listen on $port; run skipped" >&2
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        return
    fi
    local before after requests
    read -r -a before < <(awk '{print $14, $15}' "/proc/$pid/stat")
    requests=$(taskset -c 1 "$tmp/echoload" -p "$port" -c "$conns" -s 64 -d "$seconds" |
        tail -n 1 | python3 -c 'import json, sys; print(json.load(sys.stdin)["requests"])')
    read -r -a after < <(awk '{print $14, $15}' "/proc/$pid/stat")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$1 $requests $((after[0] - before[0])) $((after[1] - before[1]))" >>"$tmp/runs"
}

for ((round = 0; round < rounds; round++)); do
    for ((i = 1; i <= $#; i++)); do
        run "$i" "${!i}"
    done
done

python3 - "$tmp/runs" "$ticks" "$@" <<'EOF'
import statistics, sys
runs, ticks, commands = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
per = {}
for line in open(runs):
    index, requests, user, system = map(int, line.split())
    per.setdefault(index, []).append((requests, user / ticks / requests * 1e6,
                                      system / ticks / requests * 1e6))
for index, command in enumerate(commands, 1):
    got = per.get(index, [])
    if not got:
        print(f"{command}: no run completed")
        continue
    median = lambda k: statistics.median(r[k] for r in got)
    print(f"{command}\n  {len(got)} runs: {median(0):,.0f} requests per run, "
          f"user {median(1):.3f} us, system {median(2):.3f} us per request")
EOF
