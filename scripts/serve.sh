#!/usr/bin/env bash
# Builds the browser app (release, offline) and serves dist/ on
# http://127.0.0.1:8080/ (or PORT) with the HTTP headers of web/_headers,
# as a static host would, until interrupted. Stops with a message and a
# non-zero exit if the build fails, rather than serve nothing.
#
#   scripts/serve.sh              build, then serve on port 8080
#   PORT=9000 scripts/serve.sh    another port
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8080}
scripts/install-tools.sh
echo "Store Uptime: building the app (the first build takes several minutes)"
if ! scripts/build-web.sh; then
  echo "Store Uptime: the build failed (see above), so there is nothing to serve." >&2
  exit 1
fi
echo "Store Uptime: serving at http://127.0.0.1:$port/ (Ctrl-C stops)"
exec python3 scripts/serve-dist.py --port "$port" dist
