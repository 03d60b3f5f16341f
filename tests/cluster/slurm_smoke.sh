#!/usr/bin/env bash
# The cluster plumbing on its own, without defsim: a real single-node Slurm comes up
# (scripts/slurm/cluster.sh) and runs a 2-task array job whose tasks each write their task
# id. Then the sweep job scripts of scripts/slurm/ run with a stand-in for defsim that only
# records how it was called: submit_sweep.sh's array + collect chain; a failed shard, after
# which the collect step must not run; that shard resubmitted alone with --array; and, when
# an MPI probe is given, submit_sweep.sh --mpi 2 (sweep_mpi.sbatch) through `srun --mpi=pmix`
# and through mpirun, whose 2 ranks must find each other. Finally the cluster goes down and no daemon may be left.
#
#   tests/cluster/slurm_smoke.sh SOURCE_DIR [MPI_PROBE]
#
# SOURCE_DIR is the repository root; MPI_PROBE the defsim_mpi_probe binary
# (tests/cluster/mpi_probe.cpp). Exit 0 pass, 1 fail, 77 skipped (not root, or slurm-wlm or
# munge not installed). Registered with ctest as Cluster.SlurmSmoke (label cluster).
set -euo pipefail

if (($# < 1 || $# > 2)); then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
source_dir="$(cd "$1" && pwd)"
probe="${2:-}"
cluster="$source_dir/scripts/slurm/cluster.sh"
slurm_scripts="$source_dir/scripts/slurm"

say() { printf 'slurm_smoke: %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }
elapsed() { printf '%.1f' "$(bc <<<"$EPOCHREALTIME - $1")"; }

if ((EUID != 0)); then
  say "SKIP: needs root to start slurmd and munged"
  exit 77
fi
for c in slurmctld slurmd sbatch srun munged bc; do
  if ! command -v "$c" >/dev/null 2>&1; then
    say "SKIP: '$c' not found (install slurm-wlm and munge with scripts/setup.sh)"
    exit 77
  fi
done

# A fresh directory per run: two runs (or two test scripts) never share state, and the
# cluster picks free ports, so back-to-back runs cannot collide.
work="$(mktemp -d /tmp/defsim-slurm-smoke.XXXXXX)"
chmod 0755 "$work" # munged needs every directory above its socket searchable
state="$work/slurm"
teardown() {
  local rc=$?
  "$cluster" down "$state" || rc=1
  if ((rc == 0)); then
    rm -rf "$work"
  else
    say "kept $work for inspection (Slurm logs in $state/log)"
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

# 1. A plain 2-task array: both tasks run, and each sees its own id and the array's size.
out="$work/out"
mkdir -p "$out"
cat >"$work/task.sbatch" <<'JOB'
#!/bin/bash
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --mem-per-cpu=100M
#SBATCH --time=00:01:00
set -euo pipefail
printf '%s %s %s\n' "$SLURM_ARRAY_TASK_ID" "$SLURM_ARRAY_TASK_MIN" "$SLURM_ARRAY_TASK_COUNT" \
  >"$OUT/task_$SLURM_ARRAY_TASK_ID.tmp"
mv "$OUT/task_$SLURM_ARRAY_TASK_ID.tmp" "$OUT/task_$SLURM_ARRAY_TASK_ID"
JOB
t0=$EPOCHREALTIME
timeout 60 sbatch --array=0-1 --wait --output="$work/job-%A_%a.out" --export=ALL,OUT="$out" \
  "$work/task.sbatch" >/dev/null || fail "the 2-task array failed or timed out (exit $?)"
for k in 0 1; do
  [[ -f $out/task_$k ]] || fail "task $k wrote no output"
  [[ $(<"$out/task_$k") == "$k 0 2" ]] || fail "task $k saw '$(<"$out/task_$k")', expected '$k 0 2'"
done
say "2-task array in $(elapsed "$t0") s"

# 2. The sweep job scripts, with a stand-in defsim. `sweep` records its arguments and the
#    HDF5 locking setting as the one "run" of its shard, and fails (exit 3) when
#    OUTDIR/FAIL_<shard> exists; `collect` concatenates the shards' records in shard order.
mkdir -p "$work/bin"
cat >"$work/bin/defsim" <<'STANDIN'
#!/bin/bash
set -euo pipefail
case "$1" in
  sweep)
    out="$4" shard=""
    args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do [[ ${args[i]} != --shard ]] || shard="${args[i + 1]}"; done
    [[ ! -e $out/FAIL_${shard%/*} ]] || exit 3
    mkdir -p "$out/runs"
    echo "$* HDF5_USE_FILE_LOCKING=${HDF5_USE_FILE_LOCKING:-unset}" >"$out/runs/shard_${shard%/*}"
    ;;
  collect) cat "$2"/runs/shard_* >"$2/summary.csv" ;;
  *) exit 2 ;;
esac
STANDIN
chmod +x "$work/bin/defsim"
touch "$work/s.yaml"
submit=("$slurm_scripts/submit_sweep.sh" --defsim "$work/bin/defsim" --cpus 1 --wait)
# Small memory requests: the templates ask for 2G per core, more than a small CI runner has.
sbatch_opts=(-- --mem-per-cpu=100M)
export DEFSIM_SLURM_POLL=1
# expected OUTDIR: what the stand-in's collect must have written for a 2-shard sweep.
expected() {
  local k
  for k in 0 1; do
    echo "sweep $work/s.yaml -o $1 --shard $k/2 --threads 1 -q HDF5_USE_FILE_LOCKING=FALSE"
  done
}

t0=$EPOCHREALTIME
timeout 90 "${submit[@]}" --shards 2 "$work/s.yaml" "$work/ok" "${sbatch_opts[@]}" >"$work/ids" ||
  fail "submit_sweep.sh --wait failed (exit $?)"
if ! grep -qx 'SWEEP_JOB=[0-9]*' "$work/ids" || ! grep -qx 'COLLECT_JOB=[0-9]*' "$work/ids"; then
  fail "submit_sweep.sh printed no job ids: $(cat "$work/ids")"
fi
cmp -s "$work/ok/summary.csv" <(expected "$work/ok") ||
  fail "the collect step wrote '$(cat "$work/ok/summary.csv" 2>&1)', expected '$(expected "$work/ok")'"
say "submit_sweep.sh: 2 shards, then collect, in $(elapsed "$t0") s"

# 3. Shard 1 fails: --wait must report failure and the collect step must not run.
mkdir -p "$work/bad"
touch "$work/bad/FAIL_1"
t0=$EPOCHREALTIME
rc=0
timeout 90 "${submit[@]}" --shards 2 "$work/s.yaml" "$work/bad" "${sbatch_opts[@]}" >/dev/null || rc=$?
((rc == 1)) || fail "submit_sweep.sh --wait returned $rc with a failed shard, expected 1"
[[ -f $work/bad/runs/shard_0 && ! -e $work/bad/runs/shard_1 ]] || fail "shard 0 should have run and shard 1 not"
[[ ! -e $work/bad/summary.csv ]] || fail "the collect step ran although shard 1 failed"
say "failed shard detected, collect cancelled, in $(elapsed "$t0") s"
#    Resubmit shard 1 alone. Slurm now calls it task 1 of an array of 1 (MIN=1, COUNT=1):
#    the job script must still pass --shard 1/2.
rm "$work/bad/FAIL_1"
t0=$EPOCHREALTIME
timeout 90 "${submit[@]}" --shards 2 --array 1 "$work/s.yaml" "$work/bad" "${sbatch_opts[@]}" >/dev/null ||
  fail "resubmitting shard 1 failed (exit $?)"
cmp -s "$work/bad/summary.csv" <(expected "$work/bad") ||
  fail "after the resubmission the collect step wrote '$(cat "$work/bad/summary.csv" 2>&1)'"
say "shard 1 resubmitted alone, then collect, in $(elapsed "$t0") s"

# 4. MPI under Slurm: submit_sweep.sh --mpi 2, whose sweep_mpi.sbatch launches the sweep
#    through srun --mpi=pmix or mpirun. The probe stands in for defsim: it checks that its 2
#    ranks found each other (a wrong --mpi plugin gives 2 worlds of 1).
if [[ -n $probe ]]; then
  printf '#!/bin/bash\nexec %q 2\n' "$probe" >"$work/bin/mpi-defsim"
  chmod +x "$work/bin/mpi-defsim"
  for launcher in srun mpirun; do
    t0=$EPOCHREALTIME
    mpi_out="$work/mpi-$launcher"
    DEFSIM_LAUNCHER=$launcher timeout 60 "$slurm_scripts/submit_sweep.sh" --defsim "$work/bin/mpi-defsim" \
      --mpi 2 --cpus 1 --no-collect --wait "$work/s.yaml" "$mpi_out" "${sbatch_opts[@]}" >/dev/null ||
      fail "the MPI job through $launcher failed (exit $?): $(cat "$mpi_out"/logs/*.out)"
    [[ $(cat "$mpi_out"/logs/*.out | grep -c ': ok$') == 2 ]] ||
      fail "the MPI job through $launcher: not 2 ranks ok: $(cat "$mpi_out"/logs/*.out)"
    say "submit_sweep.sh --mpi 2 through $launcher in $(elapsed "$t0") s"
  done
fi

# 5. Down, and nothing of ours left running.
t0=$EPOCHREALTIME
"$cluster" down "$state"
left="$("$cluster" status "$state" 2>&1 | grep 'running (pid' || true)"
[[ -z $left ]] || fail "still running after cluster.sh down: $left"
say "cluster down in $(elapsed "$t0") s; all passed in $(elapsed "$start") s"
