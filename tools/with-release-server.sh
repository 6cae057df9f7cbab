#!/usr/bin/env bash
# Runs a command against the release server on a fresh database with the demo accounts (loopback
# only), with WARTA_URL set to it; stops the server afterwards. Needs `make build-release` first.
#   bash tools/with-release-server.sh PORT COMMAND [ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="$1"; shift
target="${CARGO_TARGET_DIR:-$root/target}"
state="$(mktemp -d "${TMPDIR:-/tmp}/warta-bench.XXXXXX")"
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
WARTA_URL="http://127.0.0.1:$port" "$@"
