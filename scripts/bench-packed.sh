#!/usr/bin/env bash
# Times the page on the full-size data set (14,000 stores, 108 MB of status
# polls) with the status file as plain CSV, as .csv.gz and inside a .zip:
# files given → Complete, each on a fresh page; and the browser's own
# DecompressionStream on the same gzip. Not a test: it prints figures.
#
#   scripts/bench-packed.sh [--no-build] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
if [[ "${1:-}" == "--no-build" ]]; then build=false; shift; fi
runs="${1:-3}"

if $build; then
  scripts/install-tools.sh --test
  scripts/build-web.sh
  cargo build --release --bin store-uptime
fi
data=target/bench-data
if [[ ! -s "$data/status.csv" ]]; then
  mkdir -p "$data"
  target/release/store-uptime sample --stores 14000 --seed 1 --out "$data"
fi
mkdir -p "$data/packed"
if [[ ! -s "$data/packed/status.zip" ]]; then
  # Python's zipfile and gzip, as tests/support/pack.py writes them.
  python3 - "$data" <<'EOF'
import gzip, sys, zipfile
from os.path import join
data = sys.argv[1]
text = open(join(data, "status.csv"), "rb").read()
open(join(data, "packed/status.csv.gz"), "wb").write(gzip.compress(text, 6))
cut = text.index(b"\n", len(text) // 2) + 1
open(join(data, "packed/status-members.csv.gz"), "wb").write(gzip.compress(text[:cut], 6) + gzip.compress(text[cut:], 6))
with zipfile.ZipFile(join(data, "packed/status.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("status.csv", text)
EOF
fi
ls -l "$data/status.csv" "$data"/packed/*
node scripts/bench-packed.mjs dist "$data" "$runs"
