#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starts http_websocket_echo on a free port and measures echo round trips from 50 Loops
# (websocket_bench) and from 50 connections of the npm `ws` client (installed by the
# websocket_peer_npm_ci test into the build tree), alternating rounds.
#   bench/websocket_bench.sh [build-dir] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${2:-3}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$build/examples/http_websocket_echo" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 0.5
url="ws://127.0.0.1:$port/echo"
export NODE_PATH="$build/tests/http/websocket-peer/node_modules"
for _ in $(seq "$rounds"); do
    "$build/bench/websocket_bench" "$url" -c 50 -n 200000
    node bench/websocket_bench/ws_client.js "$url" 50 200000 32
done
