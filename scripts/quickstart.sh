#!/usr/bin/env bash
# Sets up, builds the defsim CLI, runs the baseline and the microelectronics cut-off
# scenario, prints how the cut-off differs from the baseline, and writes an HTML report
# (output/report.html, plots included) whose path it prints last.
#
#   scripts/quickstart.sh
#
# Results go to output/ (ignored by git); open them with h5py or `h5dump -H`.
# Works from any directory. It builds with the same `ci` preset as scripts/test.sh, in the
# same build/ directory, so running both builds once (see scripts/build.sh for why).
# Environment: DEFSIM_JOBS=N (default: nproc); DEFSIM_SKIP_SETUP=1 to skip scripts/setup.sh.
set -euo pipefail
# shellcheck source=SCRIPTDIR/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "quickstart.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

preset=ci
run_setup
configure "$preset"
build "$preset" defsim

cd "$DEFSIM_ROOT"
defsim=build/bin/defsim
mkdir -p output

heading "Baseline: $defsim run scenarios/baseline.yaml -o output/baseline.h5"
"$defsim" run scenarios/baseline.yaml -o output/baseline.h5

heading "Microelectronics cut-off: $defsim run scenarios/microelectronics_cutoff.yaml -o output/microelectronics_cutoff.h5"
"$defsim" run scenarios/microelectronics_cutoff.yaml -o output/microelectronics_cutoff.h5

heading "Comparison: $defsim compare output/baseline.h5 output/microelectronics_cutoff.h5"
"$defsim" compare output/baseline.h5 output/microelectronics_cutoff.h5

heading "Report: $defsim report output/baseline.h5 output/microelectronics_cutoff.h5 -o output/report.html"
"$defsim" report output/baseline.h5 output/microelectronics_cutoff.h5 -o output/report.html >/dev/null

heading "Done"
cat <<MSG
Results:  output/baseline.h5  output/microelectronics_cutoff.h5
Next:     $defsim compare --help;  $defsim export output/baseline.h5 --csv output/baseline_csv;
          scenarios/*.yaml for more scenarios;  README.md for a tour;  docs/COMPARE.md for the metrics.
Report:   $DEFSIM_ROOT/output/report.html
MSG
