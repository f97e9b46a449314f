#!/usr/bin/env bash
# Times the engine's stages compiled to WebAssembly in Node's V8 (no
# browser) on the full-size data set, or on --days N days of it, as
# scripts/bench-web.sh generates them. Not a test: it prints figures.
#
# With --simd128 the engine is built with WebAssembly SIMD enabled (the
# tokenizer's simd128 path; the page's build does not enable it), in a
# target directory of its own.
#
#   scripts/bench-wasm-engine.sh [--simd128] [--days N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

days=7
target_dir=target
if [[ "${1:-}" == "--simd128" ]]; then
  export RUSTFLAGS="-C target-feature=+simd128"
  target_dir=target/wasm-simd128
  shift
fi
if [[ "${1:-}" == "--days" ]]; then days="$2"; shift 2; fi
runs="${1:-3}"

data=target/bench-data
if [[ "$days" != 7 ]]; then data="target/bench-data-${days}d"; fi
if [[ ! -s "$data/status.csv" ]]; then
  cargo build --release --bin store-uptime
  mkdir -p "$data"
  target/release/store-uptime sample --stores 14000 --seed 1 --days "$days" --out "$data"
fi
# The worker's release profile (LTO, one codegen unit, opt-level 3); no
# wasm-opt, which the worker's build adds.
cargo build --release --locked -p store-uptime-wasm-bench --target wasm32-unknown-unknown --target-dir "$target_dir"
echo "data: $(du -h "$data/status.csv" | cut -f1) of status polls${RUSTFLAGS:+ ($RUSTFLAGS)}"
node scripts/bench-wasm-engine.mjs "$target_dir/wasm32-unknown-unknown/release/store_uptime_wasm_bench.wasm" "$data/status.csv" "$runs" "$days"
