#!/usr/bin/env bash
# End-to-end tests of the browser app in headless Chromium: builds the app
# and the store-uptime command, generates data with `store-uptime sample`,
# and runs tests/e2e/*.test.mjs against dist/ served by
# scripts/serve-dist.py with the headers of web/_headers (from the root and
# from a sub-path).
#
#   scripts/test-e2e.sh [--no-build] [--screenshots] [node --test options]
#
# --screenshots writes the main states of the page to docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
screenshots=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=false; shift ;;
    --screenshots) screenshots=true; shift ;;
    *) break ;;
  esac
done

if $build; then
  scripts/install-tools.sh --test
  scripts/build-web.sh
  cargo build --release --bin store-uptime
fi
cli=target/release/store-uptime
data=target/e2e-data
# Small enough to be quick, large enough for several pages of table.
"$cli" sample --stores 400 --seed 7 --out "$data" >/dev/null
# The app's "Try with sample data" set, made by the same generator.
"$cli" sample --stores 300 --seed 2023 --out "$data/sample" >/dev/null
# Full size, for cancelling a report while it runs.
if [[ ! -s "$data/large/status.csv" ]]; then
  "$cli" sample --stores 14000 --seed 1 --out "$data/large" >/dev/null
fi

if $screenshots; then
  mkdir -p docs/screenshots
  export SCREENSHOT_DIR="$PWD/docs/screenshots"
fi
export E2E_DATA="$PWD/$data" STORE_UPTIME_CLI="$PWD/$cli" E2E_DIST="$PWD/dist"
node --test --test-concurrency=1 "$@" tests/e2e/*.test.mjs
