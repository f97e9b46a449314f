#!/usr/bin/env bash
# Runs every test of Store Uptime, installing what is missing first:
# formatting and lints, the engine's unit, contract and property tests, the
# command's tests on real files, the SQL scripts on real engines, a short
# fuzzing run of every fuzz target, the README's first command from a fresh
# clone with an empty cargo registry, and the browser end-to-end tests in
# headless Chromium, then in Firefox ESR and WebKit.
#
#   scripts/test.sh                 everything
#   FUZZ_SECONDS=10 scripts/test.sh shorter fuzzing (default 20 s per target;
#                                 scripts/fuzz-soak.sh runs them at depth)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-tools.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

started=$SECONDS
timings=()
step() {
  local name=$1; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local t=$SECONDS
  "$@"
  printf '\033[1m== %s: passed in %d s\033[0m\n' "$name" $((SECONDS - t))
  timings+=("$(printf '%5d s  %s' $((SECONDS - t)) "$name")")
}

step "formatting" cargo fmt --all --check
step "lints (native)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "lints (web)" cargo clippy --target wasm32-unknown-unknown --features web --lib --bin app --bin worker --locked -- -D warnings
step "engine docs (no broken or private link)" env RUSTDOCFLAGS="-D warnings" cargo doc -p store-uptime-engine --no-deps --locked
step "lints (page tests, native)" cargo clippy --features web --lib --tests --locked -- -D warnings
step "engine and command tests" cargo test --workspace --locked
step "page module dependencies (no cycle)" scripts/check-page-deps.py
step "page logic and message tests" cargo test --features web --lib --locked
step "the command, release build (for the SQL checks)" cargo build --release --locked --bin store-uptime
step "SQL on DuckDB, PostgreSQL and Spark" scripts/test-sql.sh
step "fuzzing" scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
step "first run on a fresh machine" scripts/test-first-run.sh
step "browser end-to-end tests" scripts/test-e2e.sh
step "Firefox ESR end-to-end tests" scripts/test-browsers.sh --no-build firefox
step "WebKit end-to-end tests" scripts/test-browsers.sh --no-build webkit

printf '\n\033[1mEach step:\033[0m\n'
printf '%s\n' "${timings[@]}"
printf '\n\033[1mAll tests passed in %d s.\033[0m\n' $((SECONDS - started))
