#!/usr/bin/env bash
# Shared build logic for scripts/test.sh and scripts/quickstart.sh. Source it for the
# functions, or run it directly:
#
#   scripts/build.sh [--preset NAME] [--no-setup] [TARGET...]
#
# runs scripts/setup.sh, configures with the preset (default: ci) and builds the targets
# (default: all) with one job per core.
#
# Environment:
#   DEFSIM_JOBS=N          build and test jobs (default: nproc)
#   DEFSIM_SKIP_SETUP=1    do not run scripts/setup.sh (dependencies installed some other way)
#
# Why the scripts use the `ci` preset, also for the quickstart: `ci` and `release` share
# the binary directory `build` (so the CLI is always build/bin/defsim) but differ in
# DEFSIM_WERROR. Configuring one after the other flips that cache variable, changes every
# compile command and rebuilds everything. With one preset for both scripts,
# `scripts/test.sh` followed by `scripts/quickstart.sh` (or the reverse) builds once.
# On Debian 12 the `ci` build is warning-free by construction: CI enforces it.

# Repository root, from this file's own path, so the scripts work from any directory.
DEFSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEFSIM_JOBS="${DEFSIM_JOBS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}"

if [[ -t 1 ]]; then
  _defsim_bold=$'\e[1m' _defsim_reset=$'\e[0m'
else
  _defsim_bold='' _defsim_reset=''
fi

# heading TEXT: a visible section title with the seconds elapsed since the script started.
heading() {
  printf '\n%s==> %s%s  (%ss)\n' "$_defsim_bold" "$*" "$_defsim_reset" "$SECONDS"
}

# run_setup: install missing Debian packages (fast no-op when everything is present).
run_setup() {
  if [[ ${DEFSIM_SKIP_SETUP:-0} == 1 ]]; then
    heading "Skipping scripts/setup.sh (DEFSIM_SKIP_SETUP=1)"
    return
  fi
  heading "Checking dependencies (scripts/setup.sh)"
  "$DEFSIM_ROOT/scripts/setup.sh"
}

# preset_binary_dir PRESET: the binaryDir of a configure preset in CMakePresets.json.
preset_binary_dir() {
  case "$1" in
    dev) echo "$DEFSIM_ROOT/build-dev" ;;
    release | ci) echo "$DEFSIM_ROOT/build" ;;
    asan) echo "$DEFSIM_ROOT/build-asan" ;;
    tsan) echo "$DEFSIM_ROOT/build-tsan" ;;
    *) echo "build.sh: unknown preset '$1' (dev, release, ci, asan, tsan)" >&2; return 2 ;;
  esac
}

# configure PRESET: cmake --preset PRESET, always, so the preset's cache variables win over
# whatever an earlier manual configure left (a no-op rebuild when nothing changed). A build
# directory made with another generator (say `cmake -B build` with Makefiles) is configured
# afresh instead of failing with "Does not match the generator used previously".
configure() {
  local preset="$1" dir cache fresh=()
  dir="$(preset_binary_dir "$preset")" || return
  cache="$dir/CMakeCache.txt"
  if [[ -f $cache ]] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache"; then
    echo "build.sh: $dir was configured with another generator; configuring it afresh"
    fresh=(--fresh)
  fi
  heading "Configuring (cmake --preset $preset${fresh:+ --fresh})"
  (cd "$DEFSIM_ROOT" && cmake --preset "$preset" "${fresh[@]}")
}

# build PRESET [TARGET...]: build the targets (default: all) with DEFSIM_JOBS jobs.
build() {
  local preset="$1"
  shift
  local targets=()
  (($# > 0)) && targets=(--target "$@")
  heading "Building${1:+ $*} (cmake --build --preset $preset, $DEFSIM_JOBS jobs)"
  (cd "$DEFSIM_ROOT" && cmake --build --preset "$preset" --parallel "$DEFSIM_JOBS" "${targets[@]}")
}

# Run directly: setup, configure, build.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  preset=ci
  setup=1
  targets=()
  while (($# > 0)); do
    case "$1" in
      --preset) preset="${2:?--preset needs a name}"; shift 2 ;;
      --preset=*) preset="${1#--preset=}"; shift ;;
      --no-setup) setup=0; shift ;;
      -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
      -*) echo "build.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
      *) targets+=("$1"); shift ;;
    esac
  done
  ((setup)) && run_setup
  configure "$preset"
  build "$preset" "${targets[@]}"
  heading "Built (preset $preset)"
fi
