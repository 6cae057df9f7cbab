#!/usr/bin/env bash
# Starts or stops the debug server the browser tests run against. The tests call it too, to
# restart the server while pages are open. Everything lives in $WARTA_E2E_STATE: the embedded
# database (a file store, so that a restart keeps the data), the pid and the log.
set -euo pipefail
state="${WARTA_E2E_STATE:?}"
port="${WARTA_E2E_PORT:?}"
log="$state/server.log"
case "${1:-}" in
  start)
    # The browser tests are not about the disk: a small free-space threshold (WARTA_MIN_FREE_MB).
    WARTA_MIN_FREE_MB=16 WARTA_ADDR="127.0.0.1:$port" WARTA_DB="surrealkv://$state/db" WARTA_MEDIA_DIR="$state/media" LEPTOS_SITE_ROOT="${WARTA_SITE_ROOT:?}" \
      LEPTOS_HASH_FILES=true WARTA_LOG="${WARTA_LOG:-info}" "${WARTA_BIN:?}" demo >>"$log" 2>&1 &
    echo $! >"$state/pid"
    for _ in $(seq 1 240); do
      if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then exit 0; fi
      if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then echo "server exited:"; tail -n 40 "$log"; exit 1; fi
      sleep 0.25
    done
    echo "server did not become healthy:"; tail -n 40 "$log"; exit 1
    ;;
  stop)
    pid="$(cat "$state/pid" 2>/dev/null || true)"
    [ -n "$pid" ] || exit 0
    kill -TERM "$pid" 2>/dev/null || exit 0
    for _ in $(seq 1 80); do
      kill -0 "$pid" 2>/dev/null || { rm -f "$state/pid"; exit 0; }
      sleep 0.25
    done
    echo "server did not stop within 20 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$state/pid"
    ;;
  *)
    echo "usage: server.sh start|stop" >&2; exit 2
    ;;
esac
