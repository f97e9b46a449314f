#!/usr/bin/env bash
# The app's end-to-end suite in other browsers than Chromium, over
# WebDriver: Firefox ESR (geckodriver, headless) and WebKitGTK, Safari's
# engine (WebKitWebDriver and MiniBrowser under xvfb-run). The drivers are
# the machine's, installed by scripts/install-tools.sh --test.
#
#   scripts/test-browsers.sh [--no-build] [firefox] [webkit]   (both by default)
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
if [[ "${1:-}" == "--no-build" ]]; then build=false; shift; fi
browsers=("$@")
[[ ${#browsers[@]} -gt 0 ]] || browsers=(firefox webkit)

if $build; then
  scripts/install-tools.sh --test
  scripts/build-web.sh
  cargo build --release --bin store-uptime
fi
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cli=target/release/store-uptime
data=target/e2e-data
# The app's "Try with sample data" set, made by the same generator.
"$cli" sample --stores 300 --seed 2023 --out "$data/sample" >/dev/null

export E2E_DATA="$PWD/$data" STORE_UPTIME_CLI="$PWD/$cli" E2E_DIST="$PWD/dist"
for browser in "${browsers[@]}"; do
  case "$browser" in
    firefox | webkit) BROWSER=$browser node --test --test-concurrency=1 tests/browsers/*.test.mjs ;;
    *) echo "test-browsers: no browser called $browser (firefox, webkit)" >&2; exit 2 ;;
  esac
done
