#!/usr/bin/env bash
# Builds the browser app into dist/ (release, offline). The tools come from
# scripts/install-tools.sh; wasm-opt is npm's binaryen in node_modules/.bin.
# The crates are fetched first (the versions of Cargo.lock), so that the
# offline build also works where the cargo registry has none of them yet.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
if ! cargo fetch --locked; then
  echo "build-web: could not download the crates that Cargo.lock names (see above)" >&2
  exit 1
fi
trunk build --release --offline "$@"
