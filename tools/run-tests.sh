#!/usr/bin/env bash
# Runs the Rust test binaries that `cargo test --no-run` built, one after another, each under a time
# limit: a binary that hangs fails the run in 10 minutes, naming itself, instead of holding CI.
# Given an instant, the clock of every process (the tests, and the `warta` and `surreal` servers
# they start) is set to it by libfaketime, starting there and running on.
#
#   bash tools/run-tests.sh                            # the machine's clock
#   bash tools/run-tests.sh "2026-12-31 20:00:00"      # an instant in UTC
#
# At 20:00 UTC the office (WIB, UTC+7) already lives in the next day: a test that takes a business
# date from the machine's UTC clock fails there.
set -euo pipefail
cd "$(dirname "$0")/.."
instant="${1:-}"
clock=()
if [ -n "$instant" ]; then
  command -v faketime >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  }
  clock=(faketime "$instant")
  # Only the calendar is moved: timers and timeouts keep the machine's monotonic clock. (With the
  # monotonic clock faked too, `scale` hung twice at this instant: every runtime worker waited in
  # the in-memory engine's commit, one of them in the node refresh the database runs under a
  # timeout. Nothing in Warta reads the monotonic clock as a date.)
  export FAKETIME_DONT_FAKE_MONOTONIC=1
  export TZ=UTC
  echo "Uji Rust pada jam $instant UTC (faketime):"
fi
# (test binary, its package's folder), one pair per line; builds what is missing.
json="$(cargo test -p app -p server --features ssr --no-run --message-format=json)"
list="$(python3 -c '
import json, os, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"] + "\t" + os.path.dirname(m["manifest_path"]))
' <<<"$json")"
[ -n "$list" ] || { echo "no test binaries found" >&2; exit 1; }
# The stack `cargo test` gives test threads (.cargo/config.toml): a binary run directly gets the
# same. Rendering the app's route tree in a debug build needs more than the default 2 MiB (the
# server's own threads have 16 MiB: server/src/main.rs).
export RUST_MIN_STACK="${RUST_MIN_STACK:-16777216}"
# The slowest binary takes under 20 s. One that runs past LIMIT hung: it is said so by name and run
# once more (under libfaketime a binary has hung, rarely, inside the in-memory engine: `locale` once
# in about twenty runs, with nothing of its own waiting). A hang again, or any failed test, fails
# the run; a failed assertion is never run again.
LIMIT="${WARTA_TEST_LIMIT:-180}"
run() { (cd "$dir" && timeout "$LIMIT" "${clock[@]}" "$bin" --quiet </dev/null); }
status=0
while IFS=$'\t' read -r bin dir; do
  echo "-- $(basename "$bin")"
  code=0
  run || code=$?
  if [ "$code" -eq 124 ]; then
    echo "HUNG (over $LIMIT s): $bin — run once more"
    code=0
    run || code=$?
  fi
  [ "$code" -eq 0 ] || { echo "FAILED: $bin"; status=1; }
done <<<"$list"
exit $status
