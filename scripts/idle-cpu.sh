#!/usr/bin/env bash
# Start a command, leave it alone for 8 s, then print its CPU use (percent
# of one core) over the next 15 s, sampled from /proc; then stop it.
# Used by measure-window.sh.
set -euo pipefail
"$@" >/dev/null 2>&1 &
pid=$!
sleep 8
t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
sleep 15
t2=$(awk '{print $14+$15}' "/proc/$pid/stat")
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
# Clock ticks are 1/100 s: ticks over 15 s, as a percentage of one core.
python3 -c "print(($t2 - $t1) / 15)"
