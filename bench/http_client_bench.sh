#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starts nginx with one worker (../shared/bench/peers/nginx_hello.conf) on a free port and runs
# http_client_bench --compare against it: HttpClient's Loops against wrk on the same nginx.
#   bench/http_client_bench.sh [build-dir] [extra http_client_bench options]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
dir=$(mktemp -d)
trap 'kill "$(cat "$dir/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$dir"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -e "s|{port}|$port|g" -e "s|{dir}|$dir|g" -e 's|^daemon off;|daemon on;|' \
    ../shared/bench/peers/nginx_hello.conf > "$dir/nginx.conf"
nginx -c "$dir/nginx.conf" -e "$dir/error.log"
for _ in $(seq 50); do
    [ -s "$dir/nginx.pid" ] && break
    sleep 0.1
done
"$build/bench/http_client_bench" -p "$port" --compare "$@"
