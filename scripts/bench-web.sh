#!/usr/bin/env bash
# Times the browser app on a full-size generated data set (14,000 stores,
# about 1.86 million polls, 108 MB) in headless Chromium, and prints the
# sizes of the wasm files. Not a test: it prints figures.
#
#   scripts/bench-web.sh [--no-build] [--days N] [--duckdb] [--dist DIR] [--figures] [RUNS]
#
# --days N: N days of polls for the same 14,000 stores (`sample --days N`,
# about 8 M polls for 30), and the page's horizon set to N days before the
# files are given. --duckdb: DuckDB-wasm on the same files in the same run
# (scripts/bench-duckdb-wasm.sh, 7 days only), after the page's figures.
# --dist DIR: the page built in DIR instead of dist/ (to compare builds).
# --figures: only issue 24's figures, not the table's scrolling, sorting,
# timelines and the rest.
# It ends with the figures of issue 24's table, medians of RUNS (default 3),
# and the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
duckdb=false
dist=dist
only=
days=7
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=false; shift ;;
    --days) days="$2"; shift 2 ;;
    --duckdb) duckdb=true; shift ;;
    --dist) dist="$2"; shift 2 ;;
    --figures) only=figures; shift ;;
    *) break ;;
  esac
done
runs="${1:-3}"

if $build; then
  scripts/install-tools.sh --test
  scripts/build-web.sh
  cargo build --release --bin store-uptime
fi
data=target/bench-data
if [[ "$days" != 7 ]]; then data="target/bench-data-${days}d"; fi
if [[ ! -s "$data/status.csv" ]]; then
  mkdir -p "$data"
  target/release/store-uptime sample --stores 14000 --seed 1 --days "$days" --out "$data"
fi

polls=$(($(wc -l < "$data/status.csv") - 1))
echo "data: $(du -h "$data/status.csv" | cut -f1) of status polls, $polls rows"
echo "machine: $(nproc) cores,$(uptime | sed 's/.*,\( *load\)/\1/')"
for wasm in "$dist"/*.wasm; do
  printf '%s: %s bytes raw, %s bytes gzip\n' "$wasm" "$(wc -c < "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
done
# The floor under "files given → Complete": the browser handing the status
# file's bytes to workers that do nothing with them.
node scripts/bench-read-floor.mjs "$data/status.csv" 2
node scripts/bench-web.mjs "$dist" "$data" "$runs" "$days" "$polls" "$only"
if [[ -z "$only" ]]; then
  # A store's week on the first click after a reload (the worker reads the
  # kept files as the page starts).
  node scripts/bench-reload-week.mjs "$dist" "$data"
fi
echo "machine after the page's figures:$(uptime | sed 's/.*,\( *load\)/\1/')"
if $duckdb && [[ "$days" == 7 ]]; then
  scripts/bench-duckdb-wasm.sh --no-build "$runs"
fi
