#!/usr/bin/env bash
# A sweep gives the same summary whether it runs in one process or as a 2-task Slurm array:
# scenarios/sweeps/test_small.yaml is run locally (`defsim sweep`) into A, then through
# scripts/slurm/sweep_array.sbatch as `sbatch --array=0-1` on a real single-node Slurm into B,
# and, when defsim was built with MPI, through scripts/slurm/sweep_mpi.sbatch as one 2-rank
# job (srun --mpi=pmix) into C; `defsim collect` merges each, and the summary.csv files must
# be identical byte for byte (and the run files the same).
#
#   tests/cluster/slurm_array_sweep.sh DEFSIM_BINARY SOURCE_DIR
#
# Exit 0 pass, 1 fail, 77 skipped: not root, slurm-wlm or munge not installed, or no
# scenarios/sweeps/test_small.yaml. Registered with ctest as Cluster.SlurmArraySweep
# (label cluster); the cluster is always torn down, even on failure or timeout.
set -euo pipefail

if (($# != 2)); then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
defsim="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
source_dir="$(cd "$2" && pwd)"
cluster="$source_dir/scripts/slurm/cluster.sh"
sweep="$source_dir/scenarios/sweeps/test_small.yaml"

say() { printf 'slurm_array_sweep: %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }
elapsed() { printf '%.1f' "$(bc <<<"$EPOCHREALTIME - $1")"; }

if ((EUID != 0)); then
  say "SKIP: needs root to start slurmd and munged"
  exit 77
fi
for c in slurmctld slurmd sbatch munged bc; do
  if ! command -v "$c" >/dev/null 2>&1; then
    say "SKIP: '$c' not found (install slurm-wlm and munge with scripts/setup.sh)"
    exit 77
  fi
done
if [[ ! -f $sweep ]]; then
  say "SKIP: no sweep file $sweep"
  exit 77
fi
[[ -x $defsim ]] || fail "no defsim binary at $defsim"

work="$(mktemp -d /tmp/defsim-slurm-sweep.XXXXXX)"
chmod 0755 "$work" # munged needs every directory above its socket searchable
state="$work/slurm"
teardown() {
  local rc=$?
  "$cluster" down "$state" || rc=1
  if ((rc == 0)); then
    rm -rf "$work"
  else
    say "kept $work for inspection (Slurm logs in $state/log, job logs in $work/logs)"
  fi
  exit "$rc"
}
trap teardown EXIT

start=$EPOCHREALTIME
# --owner: should this script be killed outright (ctest's timeout), a watcher still takes
# the cluster down when this process is gone.
eval "$("$cluster" up --owner $$ "$state")"
[[ ${SLURM_CONF:-} == "$state/slurm.conf" ]] || fail "cluster.sh up printed no SLURM_CONF export"
say "cluster up in $(elapsed "$start") s"

# A: locally, in this process. Without Slurm's array variables, in case ctest itself runs
# inside an array job on a real cluster (defsim would then run only that task's shard).
t0=$EPOCHREALTIME
env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_MIN -u SLURM_ARRAY_TASK_MAX -u SLURM_ARRAY_TASK_COUNT \
  timeout 120 "$defsim" sweep "$sweep" -o "$work/a" --threads 2 -q || fail "local defsim sweep failed (exit $?)"
say "local sweep in $(elapsed "$t0") s"

# B: as a 2-task array through the job script, which takes its shard (task id of 2) from
# Slurm's variables. DEFSIM_SHARDS is left unset on purpose: a complete array needs none.
mkdir -p "$work/logs"
t0=$EPOCHREALTIME
rc=0
env -u DEFSIM_SHARDS DEFSIM="$defsim" timeout 150 sbatch --array=0-1 --wait --cpus-per-task=1 \
  --mem-per-cpu=500M --output="$work/logs/%A_%a.out" \
  "$source_dir/scripts/slurm/sweep_array.sbatch" "$sweep" "$work/b" >/dev/null || rc=$?
if ((rc != 0)); then
  for f in "$work"/logs/*.out; do [[ -f $f ]] && { say "--- $f"; cat "$f"; }; done
  ((rc == 124)) && fail "the array job did not finish within 150 s"
  fail "the array job failed (sbatch --wait exit $rc)"
fi
[[ $(grep -l 'shard [01]/2 finished with exit code 0' "$work"/logs/*.out | wc -l) == 2 ]] ||
  fail "not both shards 0/2 and 1/2 finished: $(cat "$work"/logs/*.out)"
say "2-task array sweep in $(elapsed "$t0") s"

# C: with a defsim built with MPI, also as one 2-rank MPI job through sweep_mpi.sbatch
# (srun --mpi=pmix), whose ranks share the runs.
dirs=(a b)
if "$defsim" --version | grep -q 'with MPI'; then
  t0=$EPOCHREALTIME
  rc=0
  DEFSIM="$defsim" timeout 150 sbatch --wait --ntasks=2 --cpus-per-task=1 --mem-per-cpu=500M \
    --output="$work/logs/mpi-%j.out" "$source_dir/scripts/slurm/sweep_mpi.sbatch" "$sweep" "$work/c" >/dev/null ||
    rc=$?
  ((rc == 0)) || fail "the MPI job failed (exit $rc): $(cat "$work"/logs/mpi-*.out)"
  grep -q '2 MPI ranks' "$work"/logs/mpi-*.out || fail "the MPI job did not run as 2 ranks: $(cat "$work"/logs/mpi-*.out)"
  say "2-rank MPI job sweep in $(elapsed "$t0") s"
  dirs+=(c)
fi

# The same runs, whoever ran them.
for d in "${dirs[@]:1}"; do
  diff <(cd "$work/a/runs" && ls) <(cd "$work/$d/runs" && ls) >&2 ||
    fail "the local sweep and sweep $d wrote different run files"
done

for d in "${dirs[@]}"; do
  timeout 120 "$defsim" collect "$work/$d" || fail "defsim collect $work/$d failed (exit $?)"
  [[ -s $work/$d/summary.csv && -s $work/$d/summary.h5 ]] || fail "defsim collect wrote no summary in $work/$d"
done
cmp "$work/a/summary.csv" "$work/b/summary.csv" || fail "summary.csv differs between the local and the array sweep"
if [[ -d $work/c ]]; then
  cmp "$work/a/summary.csv" "$work/c/summary.csv" || fail "summary.csv differs between the local and the MPI sweep"
fi
say "summaries identical (${dirs[*]}; $(($(wc -l <"$work/a/summary.csv") - 1)) runs)"

t0=$EPOCHREALTIME
"$cluster" down "$state"
left="$("$cluster" status "$state" 2>&1 | grep 'running (pid' || true)"
[[ -z $left ]] || fail "still running after cluster.sh down: $left"
say "cluster down in $(elapsed "$t0") s; all passed in $(elapsed "$start") s"
