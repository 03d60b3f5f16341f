#!/usr/bin/env bash
# Submits a defsim sweep to Slurm: an array job of shards (or one MPI job), then the collect
# step, which starts only when every shard has succeeded. Prints the job ids.
#
#   scripts/slurm/submit_sweep.sh [OPTIONS] SWEEP.yaml OUTDIR [-- SBATCH_OPTION...]
#
#   --shards N        split the sweep into N array tasks, shards 0..N-1 (default 10)
#   --array LIST      submit only these shards of the N, e.g. --array 3,7 to rerun failed
#                     ones (keep the same --shards N); the runs already done are kept
#   --mpi RANKS       instead of an array, one MPI job of RANKS ranks (sweep_mpi.sbatch)
#   --cpus N          cores (threads) per shard or per rank (default: 4 for shards, 1 for MPI)
#   --time HH:MM:SS   wall-clock limit per shard, or for the MPI job (default: the template's)
#   --max-running M   at most M shards at once (array throttle, --array=...%M)
#   --defsim PATH     the defsim binary (default: build/bin/defsim of this checkout if built,
#                     else `defsim` on PATH)
#   --no-collect      do not submit the collect step
#   --wait            wait until the collect step (or the sweep, with --no-collect) ends;
#                     exit 0 if it succeeded, 1 if not
#   -- ...            anything after -- goes to every sbatch call (-p PARTITION, -A ACCOUNT, ...)
#
# With --wait it asks Slurm every $DEFSIM_SLURM_POLL seconds (default 10) how the job is.
# Logs go to OUTDIR/logs/. Output on stdout, for scripts: `SWEEP_JOB=ID` and `COLLECT_JOB=ID`.
# Exit codes: 0 submitted (with --wait: collect succeeded), 1 failure, 2 usage.
# See docs/CLUSTER.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; }
say() { printf 'submit_sweep.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
usage_error() { say "$*" ; say "try --help"; exit 2; }

shards=10 array="" mpi="" cpus="" time_limit="" max_running="" defsim="" collect=1 wait=0
positional=() extra=()
while (($# > 0)); do
  case "$1" in
    --shards) shards="${2:?--shards needs a number}"; shift 2 ;;
    --array) array="${2:?--array needs a list}"; shift 2 ;;
    --mpi) mpi="${2:?--mpi needs a number of ranks}"; shift 2 ;;
    --cpus) cpus="${2:?--cpus needs a number}"; shift 2 ;;
    --time) time_limit="${2:?--time needs HH:MM:SS}"; shift 2 ;;
    --max-running) max_running="${2:?--max-running needs a number}"; shift 2 ;;
    --defsim) defsim="${2:?--defsim needs a path}"; shift 2 ;;
    --no-collect) collect=0; shift ;;
    --wait) wait=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    -*) usage_error "unknown option '$1'" ;;
    *) positional+=("$1"); shift ;;
  esac
done
((${#positional[@]} == 2)) || usage_error "need SWEEP.yaml and OUTDIR"
sweep="${positional[0]}"
out="${positional[1]}"

positive() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
positive "$shards" || usage_error "--shards must be a positive integer, not '$shards'"
[[ -z $mpi ]] || positive "$mpi" || usage_error "--mpi must be a positive integer, not '$mpi'"
[[ -z $cpus ]] || positive "$cpus" || usage_error "--cpus must be a positive integer, not '$cpus'"
[[ -z $max_running ]] || positive "$max_running" || usage_error "--max-running must be a positive integer"
[[ -z $mpi || -z $array ]] || usage_error "--array selects shards of an array job; it cannot go with --mpi"
if [[ -n $array ]]; then
  # Every index must be a shard of the N: a typo would otherwise run nothing or fail late.
  [[ $array =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] ||
    usage_error "--array takes indices and ranges like 3,7 or 0-4,9, not '$array'"
  IFS=',-' read -r -a idx <<<"$array"
  for i in "${idx[@]}"; do
    ((10#$i < shards)) || usage_error "--array index $i is not a shard of --shards $shards (0..$((shards - 1)))"
  done
fi

command -v sbatch >/dev/null 2>&1 || die "sbatch not found: run this on a Slurm login node (or see docs/CLUSTER.md for a local test cluster)"
[[ -f $sweep ]] || die "no sweep file '$sweep'"
sweep="$(cd "$(dirname "$sweep")" && pwd)/$(basename "$sweep")"
mkdir -p "$out/logs" || die "cannot create $out/logs"
out="$(cd "$out" && pwd)"

if [[ -z $defsim ]]; then
  if [[ -x $here/../../build/bin/defsim ]]; then
    defsim="$(cd "$here/../../build/bin" && pwd)/defsim"
  elif command -v defsim >/dev/null 2>&1; then
    defsim="$(command -v defsim)"
  else
    die "no defsim binary: build it (scripts/build.sh) or pass --defsim PATH"
  fi
fi
[[ -x $defsim ]] || die "'$defsim' is not an executable"
[[ $defsim == /* ]] || defsim="$PWD/$defsim"
# The job scripts find the binary here; sbatch passes the environment on to the jobs.
export DEFSIM="$defsim" DEFSIM_SHARDS="$shards"

common=(--parsable "${extra[@]}")
[[ -z $time_limit ]] || common+=(--time="$time_limit")

if [[ -n $mpi ]]; then
  opts=(--ntasks="$mpi" --cpus-per-task="${cpus:-1}" --output="$out/logs/%x-%j.out")
  sweep_job="$(sbatch "${common[@]}" "${opts[@]}" "$here/sweep_mpi.sbatch" "$sweep" "$out")" ||
    die "sbatch of the MPI sweep job failed"
  sweep_job="${sweep_job%%;*}" # --parsable prints ID or ID;CLUSTER
  say "MPI sweep job $sweep_job: $mpi ranks x ${cpus:-1} threads, $sweep -> $out"
else
  spec="${array:-0-$((shards - 1))}${max_running:+%$max_running}"
  opts=(--array="$spec" --cpus-per-task="${cpus:-4}" --output="$out/logs/%x-%A_%a.out")
  sweep_job="$(sbatch "${common[@]}" "${opts[@]}" "$here/sweep_array.sbatch" "$sweep" "$out")" ||
    die "sbatch of the array job failed"
  sweep_job="${sweep_job%%;*}"
  say "array job $sweep_job: shards $spec of $shards x ${cpus:-4} threads, $sweep -> $out"
fi
echo "SWEEP_JOB=$sweep_job"

last_job="$sweep_job"
if ((collect)); then
  # afterok: only when every task exited 0. If one fails the dependency can never be met:
  # --kill-on-invalid-dep cancels the collect job rather than leave it pending forever.
  collect_job="$(sbatch "${common[@]}" --dependency="afterok:$sweep_job" --kill-on-invalid-dep=yes \
    --output="$out/logs/%x-%j.out" "$here/collect.sbatch" "$out")" || die "sbatch of the collect job failed"
  collect_job="${collect_job%%;*}"
  say "collect job $collect_job: after $sweep_job succeeds, writes $out/summary.h5 and summary.csv"
  echo "COLLECT_JOB=$collect_job"
  last_job="$collect_job"
fi

if ((wait == 0)); then
  say "follow with: squeue -j $sweep_job${collect_job:+,$collect_job}   logs: $out/logs/"
  say "if shards fail, rerun them with: $0 --shards $shards --array LIST $sweep $out"
  exit 0
fi

# Wait by polling: `sbatch --wait` can only wait for a job it submits itself.
# job_states ID: the distinct states of the job's tasks, e.g. "COMPLETED FAILED", while Slurm
# remembers the job (MinJobAge after it ends, 300 s by default); then sacct, where the site
# keeps accounting; else nothing.
job_states() {
  local states
  states="$(scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sed 's/JobState=//' | sort -u | tr '\n' ' ')"
  if [[ -z $states ]] && command -v sacct >/dev/null 2>&1; then
    states="$(sacct -n -X -j "$1" -o State 2>/dev/null | tr -s ' \n' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ')"
  fi
  echo "${states% }"
}
terminal=" COMPLETED FAILED CANCELLED TIMEOUT NODE_FAIL OUT_OF_MEMORY PREEMPTED BOOT_FAIL DEADLINE "
say "waiting for job $last_job"
while :; do
  states="$(job_states "$last_job")"
  finished=1
  for s in $states; do [[ $terminal == *" $s "* ]] || finished=0; done
  ((finished)) && break
  sleep "${DEFSIM_SLURM_POLL:-10}"
done
say "job $last_job: ${states:-state unknown (Slurm no longer remembers it)}"
# Success means every task COMPLETED, that is exited 0.
[[ $states == COMPLETED ]]
