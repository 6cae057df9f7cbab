# Warta: `make run` serves the app; `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# A cargo cache outside the clone (kept between runs on the same machine; a build from nothing also works).
export CARGO_TARGET_DIR ?= $(HOME)/.cache/warta-target
# Same value cargo-leptos gives the build, so `cargo test` and the debug server share compiled crates.
export LEPTOS_OUTPUT_NAME := warta
# wasm-opt (binaryen, from npm) for release builds: cargo-leptos with no_downloads finds it on PATH.
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# cargo-leptos builds debug code with this flag; `cargo test` and the `surreal` build use the same, so
# the three share compiled crates (else surrealdb-core and everything under it compiles again).
DEBUG_RUSTFLAGS := --cfg erase_components

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
E2E_PORT ?= 3107
# The Rust tests run a second time (no build) with every clock at this instant (UTC), when the office
# (WIB) is already in the next day and year: a test that takes a business date in UTC fails there.
OFFICE_EVENING ?= 2026-12-31 20:00:00

.PHONY: run test bench tools browser-tools surreal unit e2e budget build-debug build-release precompress clean wordpress test-wordpress

## Toolchain pieces from crates.io, each installed only when missing.
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@# OpenSSL's headers for the push messages' encryption (`web-push` → `ece`), from Debian.
	@test -f /usr/include/openssl/ssl.h || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev pkg-config >/dev/null; }
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || \
		{ echo "Memasang cargo-leptos $(CARGO_LEPTOS_VERSION) (sekali saja, ±17 menit)…"; \
		  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --features no_downloads --quiet; }
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || \
		{ echo "Memasang wasm-bindgen-cli $(WASM_BINDGEN_VERSION)…"; \
		  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked --quiet 2>/dev/null || \
		  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --quiet; }

## Chromium from Debian and Playwright from npm (without its own browser download).
browser-tools:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@cd end2end && { test -d node_modules/playwright-core -a -d node_modules/@axe-core/playwright || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error; }

build-release: tools
	@cd tools && { test -x node_modules/.bin/wasm-opt || npm ci --no-audit --no-fund --loglevel=error; }
	cargo leptos build --release --split
	$(MAKE) --no-print-directory precompress BROTLI_QUALITY=11

build-debug: tools
	cargo leptos build --split
	$(MAKE) --no-print-directory precompress BROTLI_QUALITY=4

## The browser's files compressed once, brotli and gzip beside each (the server picks by
## Accept-Encoding); a debug build compresses quickly, a release build as small as it can.
PKG_DIR := target/site/pkg
BROTLI_QUALITY ?= 11
precompress:
	@command -v brotli >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null; }
	@find $(PKG_DIR) -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | while read -r f; do \
		gzip -9 -k -f "$$f" && brotli -q $(BROTLI_QUALITY) -k -f "$$f"; done

run: build-release
	@mkdir -p data
	@# The key the channels' credentials are sealed with: the environment's, else one made once for
	@# this folder (data/secret.key, readable by its owner only; not in the database's backup).
	@test -n "$$WARTA_SECRET_KEY" -o -s data/secret.key || { umask 077; head -c32 /dev/urandom | base64 > data/secret.key; }
	WARTA_SECRET_KEY="$${WARTA_SECRET_KEY:-$$(cat data/secret.key)}" LEPTOS_SITE_ROOT=target/site LEPTOS_HASH_FILES=true \
		$(CARGO_TARGET_DIR)/release/warta demo

## The SurrealDB server from crates.io (workspace member `surreal`), for several app servers on one
## database. Only `make test` and whoever runs that setup build it; `make run` does not.
surreal:
	RUSTFLAGS="$(DEBUG_RUSTFLAGS)" cargo build -p surreal --features server

## Unit and integration tests (in-memory SurrealDB, one database per test; the two-server test
## starts the `surreal` server on loopback), each binary under a time limit, then once more under
## libfaketime at OFFICE_EVENING.
unit: surreal wordpress
	$(WP_ENV) && RUSTFLAGS="$(DEBUG_RUSTFLAGS)" bash tools/run-tests.sh
	$(WP_ENV) && RUSTFLAGS="$(DEBUG_RUSTFLAGS)" bash tools/run-tests.sh "$(OFFICE_EVENING)"

## The real WordPress the website channel is tested against (issue 17): Debian's packages with
## MariaDB and Apache on 127.0.0.1:8080, installed and started when missing, and an application
## password (kept by the script in its state file, handed to the tests as WARTA_WP_*).
WP_SETUP := $(CURDIR)/../shared/peers/wordpress-setup.sh
WP_STATE := /etc/wordpress/bench-credentials.env
WP_ENV = . $(WP_STATE) && export WARTA_WP_URL="$$WP_BASE_URL" WARTA_WP_USER="$$WP_USER" WARTA_WP_PASSWORD="$$WP_APP_PASSWORD"
wordpress:
	@test -x $(WP_SETUP) || test -f $(WP_SETUP) || { echo "tidak ada $(WP_SETUP)" >&2; exit 1; }
	@bash $(WP_SETUP) >/dev/null

## The WordPress round trip alone.
test-wordpress: wordpress
	$(WP_ENV) && RUSTFLAGS="$(DEBUG_RUSTFLAGS)" cargo test -p server --features ssr --test wordpress

## Browser tests: the debug server on an in-memory database, five roles in Chromium.
e2e: build-debug browser-tools wordpress
	$(WP_ENV) && bash end2end/run.sh $(E2E_PORT)

## The WASM budget: the browser's part of a release build (no server build), into a site root of
## its own, then what each page loads on a first visit checked against the budget
## (tools/bundle-budget.mjs; BENCHMARKS.md, "The browser's bundle").
BUDGET_SITE := target/site-budget
budget: tools
	@cd tools && { test -x node_modules/.bin/wasm-opt || npm ci --no-audit --no-fund --loglevel=error; }
	rm -rf $(BUDGET_SITE)
	LEPTOS_SITE_ROOT=$(BUDGET_SITE) cargo leptos build --release --split --frontend-only
	$(MAKE) --no-print-directory precompress PKG_DIR=$(BUDGET_SITE)/pkg BROTLI_QUALITY=11
	node tools/bundle-budget.mjs $(BUDGET_SITE)/pkg --hashes $(CARGO_TARGET_DIR)/release/hash.txt --check

test: tools unit e2e budget

## Benchmarks (release build): print figures, assert nothing.
bench: build-release browser-tools
	@# What a first visit to each page downloads of the app's script, as sent (release build).
	node tools/bundle-budget.mjs target/site/pkg --hashes $(CARGO_TARGET_DIR)/release/hash.txt
	@# Lighthouse, mobile profile: login, Tugas Saya, an item page, the public portal.
	bash tools/lighthouse/bench.sh
	@# The installed app on a tablet: opening into Tugas Saya, cold and cached, CPU 4× slowed.
	bash tools/tablet/bench.sh
	cargo bench -p server --features ssr --bench moves
	WARTA_BENCH_DB=surrealkv cargo bench -p server --features ssr --bench moves
	cargo bench -p server --features ssr --bench live
	cargo bench -p server --features ssr --bench login
	cargo bench -p server --features ssr --bench report
	cargo bench -p server --features ssr --bench portal
	@# Photos: a 10 MB phone photo to its stored copies; others' p99 with ten uploads at once.
	cargo bench -p server --features ssr --bench media
	WARTA_DAY_TASKS=1 cargo bench -p server --features ssr --bench day_inprocess
	WARTA_DAY_TASKS=2 cargo bench -p server --features ssr --bench day_inprocess
	@# Moves at scale, against the real WordPress of ../shared/peers (started here, loopback only).
	@creds="$$(bash ../shared/peers/wordpress-setup.sh 2>/dev/null || true)"; \
	  WARTA_BENCH_WP_URL="$$(printf '%s\n' "$$creds" | sed -n 's/^  base URL : //p')" \
	  WARTA_BENCH_WP_USER="$$(printf '%s\n' "$$creds" | sed -n 's/^  user     : //p')" \
	  WARTA_BENCH_WP_PASSWORD="$$(printf '%s\n' "$$creds" | sed -n 's/^  app pass : //p')" \
	  cargo bench -p server --features ssr --bench load

clean:
	rm -rf data
