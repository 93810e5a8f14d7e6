#!/usr/bin/env bash
# Stops the daemons start.sh left running in DIR (gateway first, monitor last) and removes DIR.
set -uo pipefail
dir=${1:?usage: stop.sh DIR}
[ -d "$dir/run" ] || exit 0
pids=()
for name in client.rgw osd.0 mon.a; do
  f=$dir/run/$name.pid
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null && pids+=("$pid")
done
# Give them a moment to exit cleanly, then make sure.
for _ in $(seq 1 50); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ $alive = 0 ] && break
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
rm -rf "$dir"
