#!/usr/bin/env bash
# The README's first command as a new user runs it: `scripts/serve.sh` in a
# fresh clone, with a cargo registry that holds none of the project's crates
# (CARGO_HOME an empty folder; rustup's toolchain and the installed tools
# stay on PATH). Checks that the page, its wasm and its workers are served,
# then stops the server. Checks first that a build that cannot fetch its
# crates stops serve.sh with a message and a non-zero exit.
#
# The build cache (target/first-run/target) is kept between runs: the empty
# registry always sits at the same path, so cargo finds its builds valid and
# a run costs the download and the project's own crates. The clone is of the
# committed HEAD: uncommitted changes are not in it.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$repo/target/first-run
say() { printf '\033[1m[first-run]\033[0m %s\n' "$*"; }

# The installed tools (trunk, wasm-bindgen, rustup's cargo and rustc) are
# found through PATH; CARGO_HOME only says where the registry lives.
tools=${CARGO_HOME:-$HOME/.cargo}/bin
export PATH="$tools:$PATH"
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
export CARGO_TARGET_DIR=$work/target

rm -rf "$work/home" "$work/clone"
mkdir -p "$work/home" "$CARGO_TARGET_DIR"
git clone --quiet "$repo" "$work/clone"
export CARGO_HOME=$work/home
cd "$work/clone"

server=
log=$work/serve.log
stop() {
  if [[ -n "$server" ]]; then kill -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
}
trap stop EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

say "a build that cannot download its crates stops serve.sh"
port=$(free_port)
if CARGO_NET_OFFLINE=true PORT=$port scripts/serve.sh >"$log" 2>&1; then
  cat "$log"; say "serve.sh went on although the crates could not be downloaded"; exit 1
fi
grep -q "the build failed" "$log" || { cat "$log"; say "serve.sh did not say that the build failed"; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then say "something is served after a failed build"; exit 1; fi

say "scripts/serve.sh from a fresh clone with an empty cargo registry (CARGO_HOME=$CARGO_HOME)"
port=$(free_port)
started=$SECONDS
PORT=$port setsid scripts/serve.sh >"$log" 2>&1 &
server=$!
url=http://127.0.0.1:$port/
until curl -sf -o "$work/index.html" "$url"; do
  if ! kill -0 "$server" 2>/dev/null; then cat "$log"; say "serve.sh stopped before serving"; exit 1; fi
  if (( SECONDS - started > 1500 )); then cat "$log"; say "nothing served after 25 minutes"; exit 1; fi
  sleep 2
done
say "served after $((SECONDS - started)) s"
# The page's module and wasm (hashed names, from the page), the report
# worker's loader, script and wasm, and the service worker.
app_js=$(grep -o 'app-[0-9a-f]*\.js' "$work/index.html" | head -1)
app_wasm=$(grep -o 'app-[0-9a-f]*_bg\.wasm' "$work/index.html" | head -1)
[[ -n "$app_js" && -n "$app_wasm" ]] || { cat "$work/index.html"; say "the page names no app module or wasm"; exit 1; }
check() {
  local path=$1 type=$2
  local got
  got=$(curl -sf -o /dev/null -w '%{content_type}' "$url$path") || { say "$path is not served"; exit 1; }
  [[ "$got" == "$type"* ]] || { say "$path is served as $got, not $type"; exit 1; }
  echo "  $path: $got"
}
check "" text/html
check "$app_js" text/javascript
check "$app_wasm" application/wasm
check worker_loader.js text/javascript
check worker.js text/javascript
check worker_bg.wasm application/wasm
check sw.js text/javascript
curl -sfI "$url" | grep -qi '^content-security-policy:' || { say "the page is served without its Content-Security-Policy header"; exit 1; }
downloaded=$(grep -c '^ *Downloaded ' "$log" || true)
(( downloaded > 0 )) || { cat "$log"; say "no crates were downloaded: the registry was not empty"; exit 1; }
say "passed: $downloaded crates downloaded, the page served $((SECONDS - started)) s after the start"
