#!/usr/bin/env bash
# Sets up, builds and runs every test. Exits non-zero if anything fails.
#
#   scripts/test.sh                  Release build in build/ (preset ci: warnings are errors)
#   scripts/test.sh --asan           AddressSanitizer + UBSan build in build-asan/ (preset asan)
#   scripts/test.sh --tsan           ThreadSanitizer build in build-tsan/ (preset tsan)
#   scripts/test.sh -- -R Calendar   anything after -- goes to ctest (here: only matching tests)
#
# Works from any directory. Environment: DEFSIM_JOBS=N (default: nproc) for build and test
# jobs; DEFSIM_SKIP_SETUP=1 to skip scripts/setup.sh.
set -euo pipefail
# shellcheck source=SCRIPTDIR/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

preset=ci
ctest_args=()
while (($# > 0)); do
  case "$1" in
    --asan) preset=asan; shift ;;
    --tsan) preset=tsan; shift ;;
    --preset) preset="${2:?--preset needs a name}"; shift 2 ;;
    --) shift; ctest_args=("$@"); break ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

run_setup
configure "$preset"
build "$preset"
heading "Testing (ctest --preset $preset, $DEFSIM_JOBS jobs)"
cd "$DEFSIM_ROOT"
if ctest --preset "$preset" --parallel "$DEFSIM_JOBS" "${ctest_args[@]}"; then
  heading "All tests passed (preset $preset)"
else
  rc=$?
  heading "TESTS FAILED (preset $preset); rerun one with: ctest --preset $preset -R NAME --output-on-failure"
  exit "$rc"
fi
