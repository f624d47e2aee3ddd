#!/usr/bin/env bash
# Window performance of the game beside a bare Bevy + bevy_egui window
# built with the same profile, measured in one run under one Xvfb display
# with Mesa's software Vulkan (lavapipe). For each app:
# - time from process start to the first frame;
# - CPU and wall time per frame while redrawing every frame (300 frames;
#   the game driven into a running scenario);
# - idle CPU: the app started normally (desktop redraw policy), left alone
#   for 8 s, then its CPU time sampled from /proc over 15 s.
# Prints a Markdown table for docs/PERFORMANCE.md.
# Usage: scripts/measure-window.sh [SCENARIO]
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-scenarios/grid_winter.ron}"  # the largest shipped scenario (file size and facilities)
cargo build --release --bin detente --example bare_window
target="${CARGO_TARGET_DIR:-target}/release"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export XDG_RUNTIME_DIR="$out" DETENTE_HOME="$out/home"


xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "
  set -e
  DETENTE_PERF='$out/bare.json' '$target/examples/bare_window' >/dev/null 2>&1
  DETENTE_PERF='$out/game.json' '$target/detente' play '$scenario' >/dev/null 2>&1
  scripts/idle-cpu.sh '$target/examples/bare_window' > '$out/bare_idle.txt'
  scripts/idle-cpu.sh '$target/detente' play '$scenario' > '$out/game_idle.txt'
"
python3 - "$out" "$scenario" <<'PY'
import json, sys, os
d = sys.argv[1]
bare, game = (json.load(open(os.path.join(d, f))) for f in ("bare.json", "game.json"))
bare["idle_cpu_percent"] = float(open(os.path.join(d, "bare_idle.txt")).read())
game["idle_cpu_percent"] = float(open(os.path.join(d, "game_idle.txt")).read())
print(f"Scenario: {sys.argv[2]}; release build; Xvfb 1600x1000x24, lavapipe (software Vulkan).\n")
print("| | bare Bevy + bevy_egui window | Détente | ratio |")
print("|---|---|---|---|")
rows = [
    ("Startup to first frame (ms)", "startup_to_first_frame_ms", "{:.0f}"),
    ("CPU time per frame, redrawing every frame (ms)", "cpu_ms_per_frame", "{:.1f}"),
    ("Wall time per frame, redrawing every frame (ms)", "wall_ms_per_frame", "{:.1f}"),
    ("Idle CPU, window open, nothing happening (% of a core)", "idle_cpu_percent", "{:.1f}"),
]
for name, key, fmt in rows:
    b, g = bare[key], game[key]
    ratio = f"{g / b:.2}x" if b else "-"
    print(f"| {name} | {fmt.format(b)} | {fmt.format(g)} | {ratio} |")
PY
