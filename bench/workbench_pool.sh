#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A Pool of 50 actors against the holla Service inside the same workbench (issue 16's figure):
# runs bench/workbench_pool.json headless for SECONDS (default 10) on a free port, ROUNDS times
# (default 3), and prints the messages per second the Pool's actors got replies for, from the
# line headless mode prints when it stops ("pool after 10.0 s: ... replies N (R/s) ...").
#
#   bench/workbench_pool.sh [BUILD_DIR]            (default: build; builds nothing)
#   ROUNDS=5 SECONDS_PER_RUN=20 bench/workbench_pool.sh build
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-10}
bin=$(realpath "$build/app/diesel-workbench")
[[ -x $bin ]] || { echo "build the diesel-workbench target first ($bin)" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rates=()
for ((round = 1; round <= rounds; ++round)); do
    line=$(QT_QPA_PLATFORM=offscreen "$bin" --headless bench/workbench_pool.json \
        --port "holla=$port" --seconds "$seconds" | grep '^pool after ')
    rate=$(sed -E 's/.* replies [0-9]+ \(([0-9.]+)\/s\).*/\1/' <<<"$line")
    echo "round $round: $line"
    rates+=("$rate")
done
printf '%s\n' "${rates[@]}" | sort -n | awk '{ r[NR] = $1 } END {
    printf "50 actors through the Pool: median %.0f messages/s (%d rounds)\n", r[int((NR + 1) / 2)], NR }'
