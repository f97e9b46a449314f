#!/usr/bin/env bash
# Builds the browser app into dist/ (release, offline). The tools come from
# scripts/install-tools.sh; wasm-opt is npm's binaryen in node_modules/.bin.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release --offline "$@"
