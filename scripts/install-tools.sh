#!/usr/bin/env bash
# Installs what building and testing Store Uptime needs, from the package
# registries only (crates.io, npm, Debian), and skips whatever is already
# installed at the right version. Safe to run again and again.
#
#   scripts/install-tools.sh          tools to build and serve the app
#   scripts/install-tools.sh --test   also Chromium, ChromeDriver, cargo-fuzz; for the
#                                     SQL tests PostgreSQL, Java and the Python virtual
#                                     environment .venv-sql (duckdb, psycopg, pyspark,
#                                     sqlglot); for the other browsers Firefox ESR,
#                                     geckodriver, WebKitGTK's WebDriver and Xvfb
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[[ "${1:-}" == "--test" ]] && want_test=true

TRUNK_VERSION=0.22.1
CARGO_FUZZ_VERSION=0.13.2
GECKODRIVER_VERSION=0.37.1
# The CLI must equal the wasm-bindgen crate version in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)

say() { printf '\033[1m[install-tools]\033[0m %s\n' "$*"; }

# The tools are ordinary programs: a build without LTO and with parallel
# codegen installs them in a quarter of the time and runs them as well.
cargo_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --quiet "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (a few minutes)"
  # trunk declares a newer rust-version than it needs; it builds and works on ours.
  cargo_install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
fi

if [[ -z "$WASM_BINDGEN_VERSION" ]]; then
  say "Cargo.lock names no wasm-bindgen version"; exit 1
fi
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # No --locked: its lockfile pins a crate version the registry no longer has.
  cargo_install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm's binaryen (Debian's binaryen 108 produces broken wasm),
# and playwright-core, which drives the system's Chromium.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ "$(cat node_modules/.installed-lock 2>/dev/null || true)" != "$lock_sum" ]]; then
  say "installing npm packages (binaryen, playwright-core, selenium-webdriver)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.installed-lock
fi

if $want_test; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [[ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo_install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
  # The SQL tests run the generated scripts on PostgreSQL (Debian's server),
  # DuckDB and Spark (from PyPI, in a virtual environment of the project's
  # own, so that nothing depends on the system's Python packages).
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || ! command -v java >/dev/null \
      || ! python3 -c 'import ensurepip' 2>/dev/null; then
    say "installing PostgreSQL, Java and Python's venv from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql openjdk-17-jre-headless python3-venv >/dev/null
  fi
  if ! .venv-sql/bin/python -c 'import duckdb, psycopg, pyspark, sqlglot' 2>/dev/null; then
    say "installing duckdb, psycopg, pyspark and sqlglot into .venv-sql (pyspark is ~400 MB)"
    python3 -m venv .venv-sql
    # Left unset, or pip would try to download Hadoop for pyspark.
    unset PYSPARK_HADOOP_VERSION
    .venv-sql/bin/pip install --quiet duckdb psycopg pyspark sqlglot
  fi
  # Firefox and WebKit (Safari's engine) for tests/browsers/: Debian's
  # browsers, and geckodriver from crates.io (it is no Debian package).
  if ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; then
    say "installing Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null
  fi
  if [[ "$(geckodriver --version 2>/dev/null | head -1 || true)" != "geckodriver $GECKODRIVER_VERSION"* ]]; then
    say "installing geckodriver $GECKODRIVER_VERSION"
    cargo_install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
fi
say "tools ready"
