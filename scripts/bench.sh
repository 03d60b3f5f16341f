#!/usr/bin/env bash
# Whole-run benchmark: builds Release (preset ci) and prints the table of docs/PERFORMANCE.md.
#
#   scripts/bench.sh                 the full table (N = 10^3 .. 10^6, 1 and 2 threads)
#   scripts/bench.sh --quick         N = 10^3 .. 10^5, fewer days: a few minutes
#   scripts/bench.sh --sizes "1000 100000" --days "365 60" --threads "1 2" --repeat 3
#   scripts/bench.sh --phases        also run the Google Benchmark cases per phase
#   scripts/bench.sh --out FILE      also write the tables (markdown) to FILE
#
# Everything is measured on generated models (`defsim generate`, K = 6 inputs, default goods
# and regions, the corridor cut a third into the run) and on the Russia baseline. Numbers
# depend on the machine and on what else runs on it: run it on a quiet machine.
#
# Environment: DEFSIM_JOBS, DEFSIM_SKIP_SETUP as for scripts/test.sh.
set -euo pipefail
# shellcheck source=SCRIPTDIR/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

sizes="1000 10000 100000 1000000"
days="365 365 365 365"
threads="1 2"
repeat=""
phases=0
out=""
while (($# > 0)); do
  case "$1" in
    --quick) sizes="1000 10000 100000"; days="365 120 60"; shift ;;
    --sizes) sizes="${2:?}"; shift 2 ;;
    --days) days="${2:?}"; shift 2 ;;
    --threads) threads="${2:?}"; shift 2 ;;
    --repeat) repeat="${2:?}"; shift 2 ;;
    --phases) phases=1; shift ;;
    --out) out="${2:?}"; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
read -r -a size_list <<<"$sizes"
read -r -a day_list <<<"$days"
read -r -a thread_list <<<"$threads"
if ((${#size_list[@]} != ${#day_list[@]})); then
  echo "bench.sh: give one --days value per size (${#size_list[@]} sizes, ${#day_list[@]} day counts)" >&2
  exit 2
fi

run_setup
configure ci
build ci defsim defsim_runbench defsim_bench
bin="$DEFSIM_ROOT/build/bin"
work="$(mktemp -d "${TMPDIR:-/tmp}/defsim-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
report="$work/report.md"

# field KEY LINE: the value of KEY=value in a defsim_runbench line.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -n1; }
emit() { printf '%s\n' "$*" | tee -a "$report"; }

heading "Machine"
cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)"
emit "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory, $(uname -sr); load average $(cut -d' ' -f1-3 /proc/loadavg) at start."
declare -A bw
for t in "${thread_list[@]}"; do
  line="$("$bin/defsim_runbench" stream --threads "$t" --mib 1024)"
  bw[$t]="$(field gb_per_s "$line")"
  emit "STREAM-style copy, $t thread(s), 2 x 1 GiB: ${bw[$t]} GB/s"
done

heading "Generated models: plant-days per second"
emit ""
emit "| plants N | days | threads | plant-days/s (day loop) | ns per plant-day | initial state | peak memory | per plant | bytes a day must move per plant | bound ns per plant-day | achieved ÷ bound |"
emit "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for k in "${!size_list[@]}"; do
  n="${size_list[$k]}"
  d="${day_list[$k]}"
  r="${repeat:-$((n <= 10000 ? 3 : 1))}"
  for t in "${thread_list[@]}"; do
    if ((t > 1 && n < 30000)); then
      # Below 30,000 plants defsim keeps a day on one thread (run/runner.cpp) and uses more
      # threads across replications: T replications side by side, whole runs timed.
      line="$("$bin/defsim_runbench" run --plants "$n" --days "$d" --threads "$t" --replications "$t" --repeat "$r")"
      rate="$(field plant_days_per_s "$line")"
      ns="$(awk -v s="$(field run_s "$line")" -v n="$n" -v days="$d" -v t="$t" 'BEGIN {printf "%.1f", s / n / days / t * 1e9}')"
      init="(${t} replications)"
    else
      line="$("$bin/defsim_runbench" run --plants "$n" --days "$d" --threads "$t" --repeat "$r")"
      rate="$(field day_loop_plant_days_per_s "$line")"
      ns="$(awk -v d="$(field days_s "$line")" -v n="$n" -v days="$d" 'BEGIN {printf "%.1f", d / n / days * 1e9}')"
      init="$(field init_s "$line") s"
    fi
    peak="$(field peak_rss_mib "$line")"
    per_plant="$(field peak_bytes_per_plant "$line")"
    bytes="$(field day_bytes_per_plant "$line")"
    bound="$(awk -v b="$bytes" -v w="${bw[$t]}" 'BEGIN {printf "%.1f", b / w}')"
    ratio="$(awk -v b="$bound" -v a="$ns" 'BEGIN {printf "%.2f", b / a}')"
    emit "| $n | $d | $t | $rate | $ns | ${init} | ${peak} MiB | ${per_plant} B | $bytes B | $bound | $ratio |"
  done
done

heading "Profile: seconds per phase, N = 100000, one thread"
line="$("$bin/defsim_runbench" run --plants 100000 --days 60 --threads 1 --profile)"
emit ""
emit "| phase | ns per plant-day | share |"
emit "|---|---:|---:|"
for p in events order_book planning labour_market ordering supply arrivals production capital accounting record_output; do
  s="$(field "phase_${p}_s" "$line")"
  emit "| $p | $(awk -v s="$s" 'BEGIN {printf "%.1f", s / 100000 / 60 * 1e9}') | $(field "phase_${p}_share" "$line") |"
done

heading "Russia baseline: replications, sweep, output"
emit ""
emit "| measure | 1 thread | 2 threads |"
emit "|---|---:|---:|"
per_rep=()
for t in 1 2; do
  line="$("$bin/defsim_runbench" run --scenario "$DEFSIM_ROOT/scenarios/baseline.yaml" --replications 20 --threads "$t" --repeat 3)"
  per_rep+=("$(awk -v s="$(field run_s "$line")" 'BEGIN {printf "%.1f ms", s / 20 * 1000}')")
done
emit "| Russia baseline, 2,191 days daily, per replication (20 replications, no output) | ${per_rep[0]} | ${per_rep[1]} |"
sweep_rate=()
for t in 1 2; do
  rm -rf "$work/sweep"
  start=$(date +%s.%N)
  "$bin/defsim" sweep "$DEFSIM_ROOT/bench/russia_baseline_sweep.yaml" -o "$work/sweep" --threads "$t" -q >/dev/null
  sweep_rate+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f runs/s", 40 / (b - a)}')")
done
emit "| local sweep of the Russia baseline (40 runs, compile + run + metrics each) | ${sweep_rate[0]} | ${sweep_rate[1]} |"

# Output share: the same replications with and without the HDF5 run file (monthly, all
# variables, gzip 4), through run_scenario as \`defsim run\` does.
# Runs with and without output alternate (best of three each), so a slow spell of a shared
# machine hits both rather than one.
output_share() {
  local args=("$@") plain=inf with=inf p w
  for _ in 1 2 3; do
    p="$(field run_s "$("$bin/defsim_runbench" run "${args[@]}")")"
    w="$(field run_s "$("$bin/defsim_runbench" run "${args[@]}" --output "$work/out.h5")")"
    plain="$(awk -v a="$plain" -v b="$p" 'BEGIN {print (a == "inf" || b < a) ? b : a}')"
    with="$(awk -v a="$with" -v b="$w" 'BEGIN {print (a == "inf" || b < a) ? b : a}')"
  done
  awk -v p="$plain" -v w="$with" 'BEGIN {printf "%.0f%% (%.3f s of %.3f s)", 100 * (w - p) / w, w - p, w}'
}
emit "| share of run time writing output, Russia baseline, 10 replications, monthly, all 58 variables | $(output_share --scenario "$DEFSIM_ROOT/scenarios/baseline.yaml" --replications 10 --threads 1) | $(output_share --scenario "$DEFSIM_ROOT/scenarios/baseline.yaml" --replications 10 --threads 2) |"
emit "| the same without compression (\`output.compression: 0\`) | $(output_share --scenario "$DEFSIM_ROOT/scenarios/baseline.yaml" --replications 10 --threads 1 --set output.compression=0) | $(output_share --scenario "$DEFSIM_ROOT/scenarios/baseline.yaml" --replications 10 --threads 2 --set output.compression=0) |"
emit "| share of run time writing output, N = 10000, 365 days, monthly, all variables | $(output_share --plants 10000 --days 365 --threads 1) | $(output_share --plants 10000 --days 365 --threads 2) |"
emit "| share of run time writing output, N = 100000, 365 days, monthly, goods/routes/regions (the default above 10,000 plants) | $(output_share --plants 100000 --days 365 --threads 1) | $(output_share --plants 100000 --days 365 --threads 2) |"

if ((phases)); then
  heading "Google Benchmark: one case per phase (bench/phase_bench.cpp)"
  "$bin/defsim_bench" | tee -a "$report"
fi

if [[ -n $out ]]; then
  cp "$report" "$out"
  heading "Tables written to $out"
fi
