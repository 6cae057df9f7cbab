#!/usr/bin/env bash
# Starts the debug server on an in-memory database with the demo accounts, runs Playwright, stops it.
set -euo pipefail
cd "$(dirname "$0")"
port="${1:-3107}"
target="${CARGO_TARGET_DIR:-../target}"
site="$(cd .. && pwd)/target/site"
log="${TMPDIR:-/tmp}/warta-e2e-server.log"
WARTA_ADDR="127.0.0.1:$port" WARTA_DB="mem://" LEPTOS_SITE_ROOT="$site" LEPTOS_HASH_FILES=true \
  "$target/debug/warta" demo >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $server 2>/dev/null; then echo "server exited:"; cat "$log"; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "server did not become healthy:"; cat "$log"; exit 1; }
status=0
report="${TMPDIR:-/tmp}/warta-e2e-report.json"
WARTA_URL="http://127.0.0.1:$port" PLAYWRIGHT_JSON_OUTPUT_NAME="$report" npx playwright test --reporter=list,json || status=$?
# One closing line in the plain form CI reads: counted from Playwright's own report.
node -e 'const s = require(process.argv[1]).stats; console.log(`end2end: ${s.expected} passed, ${s.unexpected + s.flaky} failed, ${s.skipped} skipped`)' "$report" || true
if [ $status -ne 0 ]; then
  echo "--- server log: errors and panics (full log in $log) ---"
  grep -E "panicked|ERROR|WARN" -A6 "$log" | head -n 60 || true
fi
exit $status
