#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Takes the README's screenshots: runs the built workbench (demo workspace) under Xvfb, lets the
# demo run a few seconds, captures the screen with ImageMagick; then the stream view of a real
# exchange (tests/widgets/stream_screenshot) into docs/stream.png. Builds nothing.
#
#   scripts/screenshot.sh [BUILD_DIR] [OUT.png]     (defaults: build, docs/screenshot.png)
#   ONLY=stream scripts/screenshot.sh                (only docs/stream.png)
#   DELAY=6 scripts/screenshot.sh                    (seconds of demo before the capture)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-docs/screenshot.png}
delay=${DELAY:-5}
bin="$build/app/diesel-workbench"
streamshot="$build/tests/widgets/stream_screenshot"
if [[ ! -x $streamshot ]]; then
    echo "screenshot.sh: $streamshot is missing: build the stream_screenshot target first" >&2
    exit 1
fi
if [[ ${ONLY:-} == stream ]]; then
    xvfb-run -a -s '-screen 0 1600x1000x24' "$streamshot" docs/stream.png
    exit 0
fi
if [[ ! -x $bin ]]; then
    echo "screenshot.sh: $bin is missing: build the diesel-workbench target first" >&2
    exit 1
fi
for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "screenshot.sh: $tool is missing" >&2; exit 1; }
done
mkdir -p "$(dirname "$out")"
# A fresh settings folder: the default layout, and the person's own settings stay untouched.
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME=$config xvfb-run -a -s '-screen 0 1600x1000x24' bash -c '
    "$1" -geometry 1600x1000+0+0 &
    app=$!
    sleep "$2"
    import -window root "$3"
    kill -TERM "$app"
    wait "$app" || true
' screenshot "$bin" "$delay" "$out"
echo "screenshot.sh: wrote $out"
xvfb-run -a -s '-screen 0 1600x1000x24' "$streamshot" docs/stream.png
