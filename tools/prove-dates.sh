#!/usr/bin/env bash
# Runs the whole test suite (Rust and browser) with every clock set by libfaketime to each of the
# instants where the office's date and the machine's UTC date part (or a week, a year or a holiday
# turns), one after the other, and prints one line per instant. Builds first without faketime.
#
#   bash tools/prove-dates.sh                   # all instants below
#   bash tools/prove-dates.sh "2026-12-02 16:59:00"
#
# Instants are UTC. Takes a few minutes per instant once built.
set -uo pipefail
cd "$(dirname "$0")/.."
# The same cargo cache and output name as `make` (see the Makefile), so that the tests, the server
# and the site are the ones just built.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/warta-target}" LEPTOS_OUTPUT_NAME=warta
instants=("$@")
if [ ${#instants[@]} -eq 0 ]; then
  instants=(
    "2026-12-02 16:59:00"   # Wednesday 23:59 WIB: the last UTC minute of the same date
    "2026-12-02 17:01:00"   # Thursday 00:01 WIB: the office is a day ahead of UTC
    "2026-12-04 08:59:00"   # Friday 15:59 WIB: the last working hour of the week
    "2026-12-31 16:59:00"   # 31 December 23:59 WIB
    "2026-12-31 20:00:00"   # 1 January 03:00 WIB: another date and another year than UTC
    "2026-12-25 03:00:00"   # 25 December 10:00 WIB, configured as a holiday (WARTA_TEST_HOLIDAYS)
  )
fi
command -v faketime >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; }
make tools browser-tools surreal build-debug >/dev/null || exit 1
RUSTFLAGS="--cfg erase_components" cargo test -p app -p server --features ssr --no-run -q || exit 1
export NO_FAKE_STAT=1 TZ=UTC
summary=()
for t in "${instants[@]}"; do
  log="${TMPDIR:-/tmp}/warta-dates-${t//[: ]/-}.log"
  holidays=""
  [[ "$t" == 2026-12-25* ]] && holidays="2026-12-25 Hari Raya Natal"
  echo "== $t UTC (log: $log)"
  rust=ok e2e=ok
  WARTA_TEST_HOLIDAYS="$holidays" RUSTFLAGS="--cfg erase_components" bash tools/run-tests.sh "$t" >"$log" 2>&1 || rust=FAILED
  faketime "$t" bash end2end/run.sh 3107 >>"$log" 2>&1 || e2e=FAILED
  line="$t UTC: rust $rust ($(grep -c '^test result: ok' "$log") binaries ok), browser $e2e ($(grep -o 'end2end: .*' "$log" | tail -1))"
  echo "$line"; summary+=("$line")
done
printf '%s\n' "${summary[@]}"
