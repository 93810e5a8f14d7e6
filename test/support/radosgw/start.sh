#!/usr/bin/env bash
# Starts a throwaway Ceph object gateway for the S3 backend tests: one monitor and one OSD on
# memstore (nothing touches a disk), authentication off, and radosgw on a loopback port.
#
#   start.sh DIR [RGW_PORT]
#
# Everything lives in DIR (config, monitor data, logs, pid files). On success it prints
# KEY=VALUE lines for the tests (RGW_DIR, RGW_ENDPOINT, RGW_ACCESS_KEY, RGW_SECRET_KEY) and exits
# with the daemons running in the background. stop.sh DIR stops them and removes DIR; so does the
# exit of the process that ran this script.
set -euo pipefail

dir=${1:?usage: start.sh DIR [RGW_PORT]}
rgw_port=${2:-0}
mkdir -p "$dir"/{run,log,mon,osd}
dir=$(cd "$dir" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

# If whoever started us dies without calling stop.sh (a test run killed), stop the daemons anyway:
# a shared machine must not collect orphaned gateways. RGW_OWNER_PID names another process to
# watch (from a shell: RGW_OWNER_PID=$$ inside "$(...)"), or "none" to keep them running.
owner=${RGW_OWNER_PID:-$PPID}
if [ "$owner" != none ]; then
  (
    while kill -0 "$owner" 2>/dev/null && [ -d "$dir" ]; do sleep 2; done
    "$here/stop.sh" "$dir"
  ) >/dev/null 2>&1 </dev/null &
fi

# A free loopback port: ask the kernel for one, so that parallel runs never collide.
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
mon_port=$(free_port)
[ "$rgw_port" = 0 ] && rgw_port=$(free_port)

fsid=$(cat /proc/sys/kernel/random/uuid)
conf=$dir/ceph.conf
cat >"$conf" <<EOF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$mon_port
ms bind ipv6 = false
public network = 127.0.0.0/8
auth cluster required = none
auth service required = none
auth client required = none
# radosgw asks for a secure (cephx) monitor connection unless told otherwise.
ms mon client mode = crc
run dir = $dir/run
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
pid file = $dir/run/\$name.pid
keyring = $dir/keyring
# One copy of everything on one OSD.
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 1
osd pool default pgp num = 1
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
# The gateway creates its pools one map change at a time; the default 1 s between proposals makes that ~9 s.
paxos propose interval = 0.05
paxos min wait = 0.01
mon data avail warn = 1
mon data avail crit = 0

[mon]
mon data = $dir/mon/\$cluster-\$id

[osd]
osd data = $dir/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = 536870912
osd max object name len = 256
osd max object namespace len = 64

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
rgw dns name = localhost
EOF

ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --addv a "[v2:127.0.0.1:$mon_port]" --fsid "$fsid" "$dir/monmap" >/dev/null
ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/keyring"
ceph-mon -c "$conf" -i a

osd_uuid=$(cat /proc/sys/kernel/random/uuid)
osd_id=$(ceph -c "$conf" --connect-timeout 20 osd new "$osd_uuid")
mkdir -p "$dir/osd/ceph-$osd_id"
ceph-osd -c "$conf" -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" 2>"$dir/log/osd-mkfs.err" >/dev/null
ceph-osd -c "$conf" -i "$osd_id" 2>>"$dir/log/osd.err"

mkdir -p "$dir/rgw"
radosgw -c "$conf" -n client.rgw

# Ready when the gateway answers HTTP (it creates its pools on the OSD first).
answers() { node -e 'fetch(process.argv[1]).then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))' "$1" 2>/dev/null; }
ready=0
for _ in $(seq 1 200); do
  if answers "http://127.0.0.1:$rgw_port/"; then ready=1; break; fi
  sleep 0.2
done
[ $ready = 1 ] || { echo "radosgw did not answer on port $rgw_port within a minute; see $dir/log" >&2; exit 1; }

access=RUNFORMTEST$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
secret=$(head -c 30 /dev/urandom | base64 | tr -d '/+=\n')
radosgw-admin -c "$conf" user create --uid runform-test --display-name "runform tests" \
  --access-key "$access" --secret-key "$secret" >/dev/null

echo "RGW_DIR=$dir"
echo "RGW_ENDPOINT=http://127.0.0.1:$rgw_port"
echo "RGW_ACCESS_KEY=$access"
echo "RGW_SECRET_KEY=$secret"
