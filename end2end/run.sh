#!/usr/bin/env bash
# Starts the debug server on a fresh embedded database with the demo accounts, runs Playwright,
# stops it. The tests restart the server through server.sh.
set -euo pipefail
cd "$(dirname "$0")"
port="${1:-3107}"
target="${CARGO_TARGET_DIR:-../target}"
export WARTA_E2E_PORT="$port"
export WARTA_E2E_STATE="$(mktemp -d "${TMPDIR:-/tmp}/warta-e2e.XXXXXX")"
export WARTA_SITE_ROOT="$(cd .. && pwd)/target/site"
export WARTA_BIN="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")/debug/warta"
export WARTA_E2E_CTL="$(pwd)/server.sh"
# The key the channels' credentials are sealed with: one per run, kept across the tests' restarts.
export WARTA_SECRET_KEY="${WARTA_SECRET_KEY:-$(head -c32 /dev/urandom | base64)}"
log="$WARTA_E2E_STATE/server.log"
trap 'bash server.sh stop || true' EXIT
bash server.sh start
status=0
report="${TMPDIR:-/tmp}/warta-e2e-report.json"
WARTA_URL="http://127.0.0.1:$port" PLAYWRIGHT_JSON_OUTPUT_NAME="$report" npx playwright test ${WARTA_E2E_ONLY:-} --reporter=list,json || status=$?
# One closing line in the plain form CI reads: counted from Playwright's own report.
node -e 'const s = require(process.argv[1]).stats; console.log(`end2end: ${s.expected} passed, ${s.unexpected + s.flaky} failed, ${s.skipped} skipped`)' "$report" || true
if [ $status -ne 0 ]; then
  echo "--- server log: errors and panics (full log in $log) ---"
  grep -E "panicked|ERROR|WARN" -A6 "$log" | head -n 60 || true
fi
exit $status
