#!/usr/bin/env bash
# Slurm integration test (issue 6, "A real cluster in CI"): a single-node
# Slurm cluster from Debian's packages runs a sharded rmtsim study as a job
# array with the merge chained by --dependency=afterok (examples/slurm), and
# the merged result must equal the unsharded run byte for byte; the array
# has more tasks than realizations, so one task is an empty shard.
#
# Everything lives in a temporary directory: configuration, munge key and
# socket, spool and state directories, logs. Every daemon started here is
# stopped by its pid on exit. Needs root (the daemons and SlurmUser run as
# root) and, if Slurm is not installed, apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export PATH="$PATH:/usr/local/go/bin"
start=$(date +%s)

need=(slurmctld slurmd sbatch squeue sinfo munged)
missing=0
for c in "${need[@]}"; do command -v "$c" >/dev/null || missing=1; done
if [ "$missing" = 1 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "slurm-test: SKIPPED: Slurm is not installed and apt-get is unavailable"
    exit 0
  fi
  echo "== slurm-test: installing slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >/tmp/slurm-test-apt.log 2>&1; then
    apt-get update -q >>/tmp/slurm-test-apt.log 2>&1
    apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >>/tmp/slurm-test-apt.log 2>&1 ||
      { cat /tmp/slurm-test-apt.log; exit 1; }
  fi
fi

if [ "$(id -u)" != 0 ]; then
  echo "slurm-test: must run as root (the daemons run as SlurmUser=root)"
  exit 1
fi
tmp=$(mktemp -d /tmp/rmtsim-slurm.XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
  status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    # wait up to 10 s for each daemon, then force it
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$status" != 0 ]; then
    for f in "$tmp"/*.log "$tmp"/work/*.out; do
      [ -f "$f" ] && { echo "---- $f"; tail -n 30 "$f"; }
    done
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT

echo "== slurm-test: building rmtsim"
go build -o "$tmp/rmtsim" ./cmd/rmtsim

# munge: a fresh key, its own socket, in the foreground so that $! is its pid.
mkdir -p "$tmp/munge"
chmod 700 "$tmp/munge"
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
socket="$tmp/munge/munge.socket"
munged --foreground --force --key-file="$tmp/munge/munge.key" --socket="$socket" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munge/munged.seed" \
  >>"$tmp/munged.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { echo "munged did not start"; exit 1; }

# slurm.conf: NodeName is this host as slurmd sees it; no cgroup.conf
# (Slurm 22.05 rejects CgroupPlugin=disabled; without the file it works).
node=$(slurmd -C | head -n 1)
host=$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' <<<"$node")
ctldport=${SLURM_TEST_PORT:-16817}
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/work"
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=rmtsimci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctldport
SlurmdPort=$((ctldport + 1))
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=600
$node State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

echo "== slurm-test: starting slurmctld and slurmd ($host)"
slurmctld -D -i -f "$SLURM_CONF" >>"$tmp/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >>"$tmp/slurmd.log" 2>&1 &
pids+=($!)
for i in $(seq 120); do
  state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  [ "$i" = 120 ] && { echo "node state '$state' after 60 s, want idle"; exit 1; }
  sleep 0.5
done

# The study: small enough for CI, with more tasks than realizations: 3
# samples in 4 shards, of which shard 0, [0, 0), holds none. That empty shard
# must succeed (and write its shard file and checkpoint) for the afterok
# merge to run.
study="spectrum -ensemble goe -n 80 -samples 3"
work="$tmp/work"
cd "$work"
echo "== slurm-test: sbatch --array=0-3 ($study), merge chained with --dependency=afterok"
export RMTSIM="$tmp/rmtsim" STUDY="$study" SEED=7 SHARDS="$work/shards" FORMAT=json RESULT="$work/merged.json"
merge=$("$repo/examples/slurm/submit.sh" --array=0-3 --cpus-per-task=1)
for i in $(seq 600); do
  left=$(squeue -h -o %i | wc -l)
  [ "$left" = 0 ] && break
  [ "$i" = 600 ] && { echo "jobs still queued after 300 s:"; squeue; exit 1; }
  sleep 0.5
done
scontrol show job "$merge" | grep -q "JobState=COMPLETED" || {
  echo "merge job $merge did not complete:"
  scontrol show job "$merge"
  exit 1
}
ls "$work"/shards/shard_{0,1,2,3}.json "$work"/shards/checkpoints/ckpt_{0,1,2,3}.json >/dev/null

# shellcheck disable=SC2086 # study is a list of words
"$tmp/rmtsim" $study -seed 7 -quiet -format json >whole.json
cmp merged.json whole.json
# shellcheck disable=SC2086
"$tmp/rmtsim" $study -seed 7 -quiet -format table >whole.txt
"$tmp/rmtsim" merge -format table shards/shard_*.json >merged.txt
cmp merged.txt whole.txt
echo "== slurm-test: PASS: 4 array tasks (one an empty shard) merged byte-identical to the unsharded run ($(($(date +%s) - start)) s)"
