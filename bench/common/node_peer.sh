# SPDX-License-Identifier: MIT
# Sourced by the compare.sh scripts that pit a diesel client against a Node.js client on one of
# the project's Node.js test peers.
#   npm_install DIR PACKAGE_DIR MODULE   npm ci of PACKAGE_DIR's lock into DIR unless MODULE is there
#   start_peer OUT node-args...          starts the peer, sets $peer (pid) and $port; killed on exit
#   measure LABEL command...             runs the command, prefixes its lines with LABEL, then
#                                        prints the peer's CPU use during it (near 100% of one
#                                        core: the peer, not the client, is the bottleneck)

npm_install() {
    local dir=$1 package=$2 module=$3
    if [ ! -d "$dir/node_modules/$module" ]; then
        mkdir -p "$dir"
        cp "$package/package.json" "$package/package-lock.json" "$dir/"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

start_peer() {
    local out=$1; shift
    node "$@" > "$out" &
    peer=$!
    trap 'kill $peer' EXIT
    until grep -q listening "$out"; do sleep 0.1; done
    port=$(sed -n 's/listening //p' "$out")
}

peer_cpu() { awk '{print $14 + $15}' "/proc/$peer/stat"; }

measure() {
    local label=$1; shift
    local before after start end
    before=$(peer_cpu); start=$(date +%s.%N)
    "$@" | sed "s/^/$label /"
    after=$(peer_cpu); end=$(date +%s.%N)
    awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$start" -v e="$end" -v l="$label" \
        'BEGIN { printf "%s peer CPU: %.0f%% of one core\n", l, 100 * t / hz / (e - s) }'
}
