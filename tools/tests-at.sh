#!/usr/bin/env bash
# Runs the already-built Rust test binaries again with the clock of every process (the tests, and
# the `warta` and `surreal` servers they start) set to one instant by libfaketime, starting there and
# running on. Nothing is built here: `cargo test --no-run` only lists what `make unit` compiled.
#
#   bash tools/tests-at.sh "2026-12-31 20:00:00"      # an instant in UTC
#
# At 20:00 UTC the office (WIB, UTC+7) already lives in the next day: a test that takes a business
# date from the machine's UTC clock fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
instant="${1:?usage: tests-at.sh 'YYYY-MM-DD hh:mm:ss' (UTC)}"
command -v faketime >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
}
# (test binary, its package's folder), one pair per line.
list="$(cargo test -p app -p server --features ssr --no-run --message-format=json 2>/dev/null | python3 -c '
import json, os, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"] + "\t" + os.path.dirname(m["manifest_path"]))
')"
[ -n "$list" ] || { echo "no test binaries found: run make unit first" >&2; exit 1; }
echo "Uji Rust sekali lagi pada jam $instant UTC (faketime):"
export TZ=UTC
status=0
while IFS=$'\t' read -r bin dir; do
  echo "-- $(basename "$bin")"
  # A binary that hangs fails the run in 10 minutes instead of holding CI.
  (cd "$dir" && timeout 600 faketime "$instant" "$bin" --quiet </dev/null) || { echo "FAILED: $bin"; status=1; }
done <<<"$list"
exit $status
