#!/usr/bin/env bash
# Fuzzes the YAML loader and scenario compiler with libFuzzer (clang, ASan + UBSan).
#
#   scripts/fuzz.sh [SECONDS] [-- LIBFUZZER_ARGS...]
#
# SECONDS (default 60) is the fuzzing time, after the build. The script installs what it
# needs (scripts/setup.sh, then clang and its libFuzzer runtime), configures and builds the
# `fuzz` preset in build-fuzz/, writes the seed corpus fuzz/corpus/ from the shipped files,
# and runs build-fuzz/bin/defsim_compile_fuzzer. The growing corpus lives in
# build-fuzz/fuzz-corpus/ and is reused by later runs. Exits non-zero if the fuzzer found
# a crash, a sanitizer report, an unexpected exception, a hang (-timeout) or an
# out-of-memory; the input is saved under fuzz/crashes/ with the command to replay it.
#
# Environment:
#   DEFSIM_SKIP_SETUP=1   install nothing (clang, libFuzzer and the libraries are present)
#   DEFSIM_JOBS=N         build jobs (default: nproc)
#   DEFSIM_FUZZ_JOBS=N    fuzzing processes (libFuzzer -fork=N; default 1)
#   DEFSIM_FUZZ_TIMEOUT=S seconds one input may take before it counts as a hang (default 10)
#
# docs/RELIABILITY.md explains the target, the corpus and what to do with a crash.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_FUZZ=60
EXTRA=()
while (($# > 0)); do
  case "$1" in
    -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; EXTRA=("$@"); break ;;
    *[!0-9]* | '') echo "fuzz.sh: expected a number of seconds, got '$1' (try --help)" >&2; exit 2 ;;
    *) SECONDS_TO_FUZZ="$1"; shift ;;
  esac
done
JOBS="${DEFSIM_JOBS:-$(nproc 2>/dev/null || echo 2)}"
FUZZ_JOBS="${DEFSIM_FUZZ_JOBS:-1}"
TIMEOUT="${DEFSIM_FUZZ_TIMEOUT:-10}"
MAX_LEN=65536  # the target ignores longer inputs (kMaxInputBytes in fuzz/compile_fuzzer.cpp)

BUILD="$ROOT/build-fuzz"
FUZZER="$BUILD/bin/defsim_compile_fuzzer"
SEEDS="$ROOT/fuzz/corpus"
WORK="$BUILD/fuzz-corpus"
CRASHES="$ROOT/fuzz/crashes"

heading() { printf '\n==> %s  (%ss)\n' "$*" "$SECONDS"; }

# --- dependencies ------------------------------------------------------------------------
# Debian 12: clang 14 and its compiler-rt, which holds libFuzzer and the sanitizer runtimes.
FUZZ_PACKAGES=(clang clang-14 libclang-rt-14-dev)

have_libfuzzer() {
  command -v clang++ > /dev/null 2>&1 || return 1
  local dir
  dir="$(mktemp -d)"
  printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' > "$dir/t.cpp"
  clang++ -fsanitize=fuzzer,address,undefined "$dir/t.cpp" -o "$dir/t" > /dev/null 2>&1
  local rc=$?
  rm -rf "$dir"
  return "$rc"
}

if [[ ${DEFSIM_SKIP_SETUP:-0} != 1 ]]; then
  heading "Checking dependencies (scripts/setup.sh)"
  "$ROOT/scripts/setup.sh"
  if ! have_libfuzzer; then
    heading "Installing clang and libFuzzer: ${FUZZ_PACKAGES[*]}"
    SUDO=()
    if [[ $(id -u) != 0 ]]; then
      if ! command -v sudo > /dev/null 2>&1; then
        echo "fuzz.sh: not root and no sudo: install ${FUZZ_PACKAGES[*]} yourself" >&2
        exit 2
      fi
      SUDO=(sudo)
    fi
    "${SUDO[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${FUZZ_PACKAGES[@]}"
  fi
fi
if ! have_libfuzzer; then
  echo "fuzz.sh: clang++ cannot link -fsanitize=fuzzer,address,undefined; install ${FUZZ_PACKAGES[*]}" >&2
  exit 2
fi

# --- build -------------------------------------------------------------------------------
heading "Configuring and building the fuzz preset in build-fuzz ($JOBS jobs)"
mkdir -p "$BUILD"
(cd "$ROOT" && cmake --preset fuzz > "$BUILD/configure.log" 2>&1) || {
  cat "$BUILD/configure.log" >&2
  exit 1
}
(cd "$ROOT" && cmake --build --preset fuzz --parallel "$JOBS" --target defsim_compile_fuzzer)

# --- seed corpus -------------------------------------------------------------------------
# Scenario files with their model inline (the target compiles text, not files), the
# hand-written seeds of fuzz/seeds/ and the malformed corpus of tests/reliability/.
heading "Writing the seed corpus to fuzz/corpus"
rm -rf "$SEEDS"
mkdir -p "$SEEDS" "$WORK" "$CRASHES"
inline_model() {  # scenario file, model file: the scenario with `model: PATH` replaced by the model
  awk -v model="$2" '
    /^model:[ \t]*[^ \t#{]/ && !done {
      print "model:"
      while ((getline line < model) > 0) print "  " line
      done = 1
      next
    }
    { print }' "$1"
}
for scenario in "$ROOT"/scenarios/*.yaml; do
  name="$(basename "$scenario" .yaml)"
  model_rel="$(sed -n 's/^model:[ \t]*\([^ \t#]*\).*/\1/p' "$scenario" | head -1)"
  parent_rel="$(sed -n 's/^extends:[ \t]*\([^ \t#]*\).*/\1/p' "$scenario" | head -1)"
  if [[ -n $model_rel ]]; then
    inline_model "$scenario" "$(dirname "$scenario")/$model_rel" > "$SEEDS/scenario_$name.yaml"
  elif [[ -n $parent_rel && -f "$SEEDS/scenario_$(basename "$parent_rel" .yaml).yaml" ]]; then
    # A child scenario: its parent (model inline) followed by the child's events.
    {
      cat "$SEEDS/scenario_$(basename "$parent_rel" .yaml).yaml"
      sed -n '/^events:/,$p' "$scenario"
    } > "$SEEDS/scenario_$name.yaml"
  fi
done
for model in "$ROOT"/models/*/model.yaml; do
  name="$(basename "$(dirname "$model")")"
  printf 'name: %s\nstart: 2024-01-01\ndays: 30\nmodel:\n' "$name" > "$SEEDS/model_$name.yaml"
  sed 's/^/  /' "$model" >> "$SEEDS/model_$name.yaml"
done
cp "$ROOT"/fuzz/seeds/*.yaml "$SEEDS/"
for file in "$ROOT"/tests/reliability/malformed/*.yaml; do
  cp "$file" "$SEEDS/malformed_$(basename "$file")"
done
echo "$(find "$SEEDS" -type f | wc -l) seeds"

# --- fuzz --------------------------------------------------------------------------------
heading "Fuzzing for ${SECONDS_TO_FUZZ}s ($FUZZ_JOBS process(es), -timeout=$TIMEOUT, -max_len=$MAX_LEN)"
before="$(find "$CRASHES" -type f | wc -l)"
touch "$WORK"  # crashes newer than this are this run's
args=(-max_total_time="$SECONDS_TO_FUZZ" -max_len="$MAX_LEN" -timeout="$TIMEOUT" -rss_limit_mb=4096
      -dict="$ROOT/fuzz/defsim.dict" -artifact_prefix="$CRASHES/" -print_final_stats=1)
if ((FUZZ_JOBS > 1)); then args+=(-fork="$FUZZ_JOBS"); fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
# Relative `model:` paths in fuzzed text resolve against an empty directory.
mkdir -p "$BUILD/fuzz-cwd"
(cd "$BUILD/fuzz-cwd" && "$FUZZER" "${args[@]}" "${EXTRA[@]}" "$WORK" "$SEEDS") || status=$?
after="$(find "$CRASHES" -type f | wc -l)"

if ((status != 0 || after > before)); then
  heading "FUZZING FOUND A PROBLEM (libFuzzer exit $status); inputs in fuzz/crashes/:"
  find "$CRASHES" -type f -newer "$WORK" -printf '  fuzz/crashes/%f\n' | head -20
  echo "Replay one with: (cd build-fuzz/fuzz-cwd && ../bin/defsim_compile_fuzzer ../../fuzz/crashes/FILE)"
  exit 1
fi
heading "No crash in ${SECONDS_TO_FUZZ}s of fuzzing; the corpus is build-fuzz/fuzz-corpus ($(find "$WORK" -type f | wc -l) inputs)"
