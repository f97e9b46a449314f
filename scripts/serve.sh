#!/usr/bin/env bash
# Builds the browser app (release, offline) and serves it on
# http://127.0.0.1:8080/ until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
export PATH="$PWD/node_modules/.bin:$PATH"
echo "Store Uptime: building, then serving at http://127.0.0.1:8080/"
trunk serve --release --offline --address 127.0.0.1 --port 8080 "$@"
