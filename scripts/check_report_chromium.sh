#!/usr/bin/env bash
# Opens a `defsim report` HTML file in headless Chromium and checks that it loads without a
# single console message (errors, uncaught exceptions, warnings) and that every embedded
# plot decodes to an image.
#
#   scripts/check_report_chromium.sh REPORT.html [--screenshot FILE.png]
#
# Chromium is not installed by scripts/setup.sh (it is far too heavy for CI); on Debian 12:
#   apt-get install --no-install-recommends chromium
# Set CHROMIUM=/path/to/chromium to use another binary.
#
# How: Chromium runs headless with --dump-dom and --enable-logging=stderr, which prints every
# console message as a ":CONSOLE" log line; the report's one inline script sets the body
# attribute data-plots-loaded="LOADED/TOTAL" once the page has loaded, which --dump-dom shows.
# The check passes when no ":CONSOLE" line appears and LOADED equals TOTAL (and is > 0).
#
# Exit status: 0 pass; 1 a check failed (the reason is printed); 2 usage; 77 Chromium is not
# installed (a skip, in the convention of automake and ctest's SKIP_RETURN_CODE).
set -euo pipefail

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

report=""
screenshot=""
while (($# > 0)); do
  case "$1" in
    --screenshot) screenshot="${2:?--screenshot needs a file}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "check_report_chromium.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    *) report="$1"; shift ;;
  esac
done
if [[ -z $report ]]; then usage >&2; exit 2; fi
if [[ ! -f $report ]]; then echo "check_report_chromium.sh: $report: no such file" >&2; exit 2; fi

chromium="${CHROMIUM:-}"
if [[ -z $chromium ]]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [[ -x $candidate ]]; then chromium="$candidate"; break; fi
  done
fi
if [[ -z $chromium || ! -x $chromium ]]; then
  echo "check_report_chromium.sh: skipped: Chromium is not installed (apt-get install --no-install-recommends chromium)" >&2
  exit 77
fi

url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run
       --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --virtual-time-budget=10000)

if ! timeout 120 "$chromium" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/log.txt"; then
  echo "check_report_chromium.sh: FAIL: Chromium did not finish loading $report; its log:" >&2
  tail -n 20 "$work/log.txt" >&2
  exit 1
fi

status=0
if grep -q ':CONSOLE' "$work/log.txt"; then
  echo "check_report_chromium.sh: FAIL: console messages while loading $report:" >&2
  grep ':CONSOLE' "$work/log.txt" | sed 's/^/  /' >&2
  status=1
fi

loaded="$(grep -o 'data-plots-loaded="[0-9]*/[0-9]*"' "$work/dom.html" | head -n 1 | sed 's/.*="\(.*\)"/\1/')"
if [[ -z $loaded ]]; then
  echo "check_report_chromium.sh: FAIL: the page's load check did not run (no data-plots-loaded attribute)" >&2
  status=1
elif [[ ${loaded%/*} != "${loaded#*/}" || ${loaded#*/} == 0 ]]; then
  echo "check_report_chromium.sh: FAIL: $loaded embedded plots decoded" >&2
  status=1
fi

if [[ -n $screenshot ]]; then
  timeout 120 "$chromium" "${flags[@]}" --window-size=1280,6000 --screenshot="$screenshot" "$url" \
    >/dev/null 2>>"$work/log.txt" || { echo "check_report_chromium.sh: FAIL: no screenshot" >&2; status=1; }
fi

if ((status == 0)); then
  echo "check_report_chromium.sh: ok: $report loads in $("$chromium" --version 2>/dev/null | head -n 1) without console messages; $loaded plots decoded${screenshot:+; screenshot $screenshot}"
fi
exit "$status"
