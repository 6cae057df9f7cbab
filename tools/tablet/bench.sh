#!/usr/bin/env bash
# `make bench`'s tablet part: how fast the installed app opens into "Tugas Saya" on a 4× slowed CPU,
# cold and opened before (tools/tablet/start.mjs), against the release server. Needs
# `make build-release` and `make browser-tools` first.
set -euo pipefail
cd "$(dirname "$0")"
bash ../with-release-server.sh "${WARTA_TABLET_HTTP_PORT:-3112}" node start.mjs
