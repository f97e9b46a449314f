#!/usr/bin/env bash
# Times DuckDB-wasm running the same calculation as SQL in the same browser
# (headless Chromium), on the full-size generated data set of
# scripts/bench-web.sh (14,000 stores, about 1.86 million polls, 108 MB):
# the yardstick for the app's speed. Not a test: it prints figures, and
# fails only when DuckDB-wasm's report differs from the command's.
#
#   scripts/bench-duckdb-wasm.sh [--no-build] [RUNS]
#
# Needs `npm ci` (the devDependency @duckdb/duckdb-wasm, served from
# node_modules; nothing is fetched at run time) and Chromium at
# /usr/bin/chromium, as the end-to-end tests do.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
if [[ "${1:-}" == "--no-build" ]]; then build=false; shift; fi
runs="${1:-3}"

if $build; then
  cargo build --release --bin store-uptime
fi
[[ -d node_modules/@duckdb/duckdb-wasm/dist ]] || npm ci
bin=target/release/store-uptime
data=target/bench-data
if [[ ! -s "$data/status.csv" ]]; then
  mkdir -p "$data"
  "$bin" sample --stores 14000 --seed 1 --out "$data"
fi

# "Now" is the data's latest poll (the command's default), given to both
# the script and the command, which also order tied polls the same way.
now=$(tail -n +2 "$data/status.csv" | cut -d, -f3 | sort | tail -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" sql --dialect duckdb --ties inactive-last --now "$now" > "$work/report.sql"
"$bin" --quiet --ties inactive-last --now "$now" --status "$data/status.csv" \
  --hours "$data/menu_hours.csv" --timezones "$data/timezones.csv" > "$work/expected.csv"

echo "data: $(du -h "$data/status.csv" | cut -f1) of status polls, $(($(wc -l < "$data/status.csv") - 1)) rows; now $now"
echo "machine: $(nproc) cores,$(uptime | sed 's/.*,\( *load\)/\1/')"
node scripts/bench-duckdb-wasm.mjs "$data" "$work/report.sql" "$work/expected.csv" "$runs"
