#!/usr/bin/env bash
# `make bench`'s Lighthouse part: the release server on a fresh database with the demo accounts
# (loopback only), Lighthouse's mobile profile on four pages in Debian's Chromium, the server
# stopped. Needs `make build-release` and `make browser-tools` first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
test -d node_modules/lighthouse || npm ci --no-audit --no-fund --loglevel=error
CHROME_PATH=/usr/bin/chromium bash ../with-release-server.sh "${WARTA_LIGHTHOUSE_HTTP_PORT:-3111}" node run.mjs
