#!/usr/bin/env bash
# The browser app on the 10x data set (140,000 stores, about 18.6 million
# polls, a 1.08 GB status file) in headless Chromium: whether the report
# completes or fails with a clear message, how long it takes, the worker's
# memory, the page's longest frame gap, how fast Cancel answers, and how
# fast a store's timeline is drawn. Not a test: it prints figures.
#
#   scripts/bench-web-10x.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" != "--no-build" ]]; then
  scripts/install-tools.sh --test
  scripts/build-web.sh
  cargo build --release --bin store-uptime
fi
data=target/bench-data-10x
if [[ ! -s "$data/status.csv" ]]; then
  mkdir -p "$data"
  target/release/store-uptime sample --stores 140000 --seed 10 --out "$data"
fi
echo "data: $(du -h "$data/status.csv" | cut -f1) of status polls, $(($(wc -l < "$data/status.csv") - 1)) rows"
node scripts/bench-web-10x.mjs dist "$data"
