#!/usr/bin/env bash
# `make bench`'s Lighthouse part: the release server on a fresh database with the demo accounts
# (loopback only), Lighthouse's mobile profile on four pages in Debian's Chromium, the server
# stopped. Needs `make build-release` and `make browser-tools` first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
test -d node_modules/lighthouse || npm ci --no-audit --no-fund --loglevel=error
target="${CARGO_TARGET_DIR:-$root/target}"
port="${WARTA_LIGHTHOUSE_HTTP_PORT:-3111}"
state="$(mktemp -d "${TMPDIR:-/tmp}/warta-lighthouse.XXXXXX")"
WARTA_ADDR="127.0.0.1:$port" WARTA_DB="surrealkv://$state/db" WARTA_MIN_FREE_MB=16 \
  LEPTOS_SITE_ROOT="$root/target/site" LEPTOS_HASH_FILES=true WARTA_LOG=warn \
  "$target/release/warta" demo >"$state/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$state"' EXIT
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "server exited:"; tail -n 40 "$state/server.log"; exit 1; }
  sleep 0.25
done
CHROME_PATH=/usr/bin/chromium WARTA_URL="http://127.0.0.1:$port" node run.mjs
