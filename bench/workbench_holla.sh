#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Does watching slow the engine down? Measures, with ../shared/bench/compare-holla, the same holla
# Service (bench/workbench_holla.json) served by the workbench twice: --headless, and in the window
# with its default layout (the Loops inspector and the Traffic view open, capturing) under Xvfb.
# Rounds alternate the two so that the machine's drift hits both; prints each median and the
# ratio window/headless (the goal: >= 0.85). Then it times the window's start-up: from launch to
# the demo workspace answering (its holla Service replies to a line), under Xvfb.
# SCHEDULE=1 shows the Schedule panel too, beside the Loops (--schedule 2s), recording every
# switch while it is measured.
#
#   bench/workbench_holla.sh [BUILD_DIR]          (default: build; builds nothing)
#   ROUNDS=5 CONNS=50 SECONDS=3 bench/workbench_holla.sh build
#   SCHEDULE=1 bench/workbench_holla.sh build
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${ROUNDS:-3}
conns=${CONNS:-50}
seconds=${SECONDS_PER_RUN:-3}
compare=${COMPARE_HOLLA:-../shared/bench/compare-holla}
bin=$(realpath "$build/app/diesel-workbench")
workspace=$(realpath bench/workbench_holla.json)
for tool in "$compare" xvfb-run python3; do
    command -v "$tool" >/dev/null || [[ -x $tool ]] || { echo "missing: $tool" >&2; exit 1; }
done
[[ -x $bin ]] || { echo "build the diesel-workbench target first ($bin)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Fresh settings: the window opens with its default layout, whatever the person saved.
export XDG_CONFIG_HOME=$tmp/config
args=(--peers none --rounds 1 --conns "$conns" --seconds "$seconds")
headless="$bin --headless $workspace --port holla={port}"
window="$bin $workspace --port holla={port}"
watched="Loops and Traffic"
if [[ ${SCHEDULE:-0} == 1 ]]; then
    window+=" --schedule 2s"
    watched="Loops, Traffic and Schedule"
fi

for ((r = 1; r <= rounds; ++r)); do
    echo "round $r/$rounds: headless" >&2
    python3 "$compare" "${args[@]}" --project "$headless" --json "$tmp/headless-$r.json" >/dev/null
    echo "round $r/$rounds: window (Xvfb)" >&2
    xvfb-run -a -s '-screen 0 1600x1000x24' \
        python3 "$compare" "${args[@]}" --project "$window" --json "$tmp/window-$r.json" >/dev/null
done

echo "start-up: window with the demo workspace, from launch to the holla Service replying" >&2
xvfb-run -a -s '-screen 0 1600x1000x24' python3 - "$bin" <<'PY' > "$tmp/startup.txt"
import os, re, signal, socket, statistics, subprocess, sys, tempfile, time
bin = sys.argv[1]
times = []
shown = []
for attempt in range(3):
    port = 21000 + (os.getpid() + attempt * 7) % 20000
    start = time.monotonic()
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen([bin, "--port", f"holla={port}", "--port", f"udp holla={port + 1}",
                             "--port", f"broker={port + 2}"],
                            stdout=subprocess.DEVNULL, stderr=log)
    try:
        while time.monotonic() - start < 30:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"up?\r\n")
                    if s.recv(64).startswith(b"UP?"):
                        times.append((time.monotonic() - start) * 1000)
                        break
            except OSError:
                time.sleep(0.01)
        # The program logs when its window is shown with the workspace running.
        while time.monotonic() - start < 30:
            log.seek(0)
            m = re.search(r"window shown with its workspace running (\d+) ms", log.read())
            if m:
                shown.append(int(m.group(1)))
                break
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
print(f"  start-up, launch to the demo answering: median {statistics.median(times):.0f} ms "
      f"(runs: {', '.join(f'{t:.0f}' for t in times)})")
print(f"  start-up, launch to the window shown with the demo running (its own clock): median "
      f"{statistics.median(shown):.0f} ms (runs: {', '.join(str(t) for t in shown)})")
PY

python3 - "$tmp" "$rounds" "$conns" "$watched" <<'PY'
import json, statistics, sys
tmp, rounds, conns, watched = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def runs(kind):
    return [json.load(open(f"{tmp}/{kind}-{r}.json"))["results"]["project"]["rps"]
            for r in range(1, rounds + 1)]
h, w = runs("headless"), runs("window")
mh, mw = statistics.median(h), statistics.median(w)
print(f"holla, {conns} connections, {rounds} alternating rounds, median requests/s")
print(f"  headless            {mh:12.0f}   (runs: {', '.join(f'{x:.0f}' for x in h)})")
print(f"  window, watched     {mw:12.0f}   (runs: {', '.join(f'{x:.0f}' for x in w)}; {watched} "
      f"showing)")
print(f"  ratio window/headless: {mw / mh:.2f}  (goal >= 0.85); round by round, median "
      f"{statistics.median(x / y for x, y in zip(w, h)):.2f}")
print(open(f"{tmp}/startup.txt").read().rstrip())
PY
