#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 as a static host would, with the HTTP headers
that a `_headers` file (the format of Netlify and Cloudflare Pages) gives:
by default the folder's own, which the build copies from web/_headers.

    scripts/serve-dist.py [--port N] [--headers FILE | --no-headers] [FOLDER]

FOLDER defaults to dist/, --port to 8080 (0 picks a free one). Prints
"Serving http://127.0.0.1:PORT/" once it listens. The `_headers` file
itself is not served, as on those hosts.
"""

import argparse
import fnmatch
import functools
import http.server
import os
import posixpath
import sys
import urllib.parse


def read_headers(path):
    """The rules of a `_headers` file: a list of (URL pattern, [(name, value)])."""
    rules = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            text = line.rstrip("\n")
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            if not text[0].isspace():
                rules.append((text.strip(), []))
            elif rules and ":" in text:
                name, value = text.strip().split(":", 1)
                rules[-1][1].append((name.strip(), value.strip()))
            else:
                sys.exit(f"{path}:{number}: expected a URL pattern or an indented 'Name: value'")
    return rules


def headers_for(rules, url_path):
    found = []
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(url_path, pattern):
            found.extend(headers)
    return found


class Handler(http.server.SimpleHTTPRequestHandler):
    rules = []
    # The app's types, whatever the machine's mime.types says.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def send_head(self):
        path = urllib.parse.urlsplit(self.path).path
        if posixpath.basename(path) == "_headers":
            self.send_error(404)
            return None
        return super().send_head()

    def end_headers(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        for name, value in headers_for(self.rules, path):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="dist")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--headers", help="a _headers file (default: FOLDER/_headers, if there is one)")
    parser.add_argument("--no-headers", action="store_true", help="send no headers of a _headers file")
    args = parser.parse_args()
    headers = args.headers or os.path.join(args.folder, "_headers")
    if not args.no_headers and (args.headers or os.path.exists(headers)):
        Handler.rules = read_headers(headers)
    handler = functools.partial(Handler, directory=args.folder)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as error:
        sys.exit(f"serve-dist: cannot listen on 127.0.0.1:{args.port}: {error.strerror}")
    print(f"Serving http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
