#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Takes the README's screenshots: runs the built workbench (demo workspace) under Xvfb, lets the
# demo run a few seconds, captures the screen with ImageMagick. Builds nothing. Three pictures:
# the window as it opens (OUT), the window with the Schedule beside the Loops, zoomed in to
# SPAN per screen (SCHEDULE_OUT), cropped to the Schedule dock (CROP, ImageMagick geometry: where
# the dock is in the default layout on this 1600x1000 screen), and the stream view of a real
# exchange (tests/widgets/stream_screenshot) into docs/stream.png.
#
#   scripts/screenshot.sh [BUILD_DIR] [OUT.png] [SCHEDULE_OUT.png]
#                         (defaults: build, docs/screenshot.png, docs/schedule.png)
#   ONLY=stream scripts/screenshot.sh                (only docs/stream.png)
#   ONLY=decoded scripts/screenshot.sh               (only docs/decoded.png, the Decoded tab)
#   DELAY=6 scripts/screenshot.sh                    (seconds of demo before the capture)
#   ONLY=schedule SPAN=200us scripts/screenshot.sh   (only the schedule's picture)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-docs/screenshot.png}
schedule_out=${3:-docs/schedule.png}
delay=${DELAY:-5}
span=${SPAN:-200us}
crop=${CROP:-1000x400+280+270}
only=${ONLY:-}
bin="$build/app/diesel-workbench"
streamshot="$build/tests/widgets/stream_screenshot"
if [[ ${ONLY:-} == decoded ]]; then
    xvfb-run -a -s '-screen 0 1600x1000x24' "$build/tests/widgets/decoded_screenshot" docs/decoded.png
    exit 0
fi
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

# shot OUT GEOMETRY [ARGS...]: the workbench with ARGS, captured after the delay, cropped to
# GEOMETRY (empty: the whole screen).
shot() {
    local file=$1 geometry=$2
    shift 2
    mkdir -p "$(dirname "$file")"
    # A fresh settings folder: the default layout, and the person's own settings stay untouched.
    local config
    config=$(mktemp -d)
    XDG_CONFIG_HOME=$config xvfb-run -a -s '-screen 0 1600x1000x24' bash -c '
        bin=$1 delay=$2 file=$3 geometry=$4
        shift 4
        "$bin" -geometry 1600x1000+0+0 "$@" &
        app=$!
        sleep "$delay"
        import -window root ${geometry:+-crop "$geometry"} "$file"
        kill -TERM "$app"
        wait "$app" || true
    ' screenshot "$bin" "$delay" "$file" "$geometry" "$@"
    rm -rf "$config"
    echo "screenshot.sh: wrote $file"
}

[[ $only == schedule ]] || shot "$out" ""
[[ $only == window ]] || shot "$schedule_out" "$crop" --schedule "$span"
[[ -n $only ]] || xvfb-run -a -s '-screen 0 1600x1000x24' "$streamshot" docs/stream.png
