#!/usr/bin/env bash
# Stops the daemons start.sh left running in DIR and removes DIR. Everything they hold is in
# memory and thrown away, so there is nothing to shut down cleanly: SIGKILL is immediate.
set -uo pipefail
dir=${1:?usage: stop.sh DIR}
[ -d "$dir/run" ] || exit 0
for name in client.rgw osd.0 mon.a; do
  f=$dir/run/$name.pid
  [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
done
rm -rf "$dir"
