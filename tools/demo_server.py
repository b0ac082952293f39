#!/usr/bin/python3
"""Serves a directory written by make_demo_site.py on loopback, as its pages expect.

    demo_server.py DIR [--port N] [--bind ADDR]

A static file server (Python's http.server) with one addition: a request with a query is
answered from the file PATH@QUERY, the query exactly as sent, when that file exists, so a page
that exists only for one query (list.asp?lb=%BB%E1...) is answered for that query and no other
spelling of it; other queries are ignored as a static server does. Prints "port N" once bound.
"""
import functools
import http.server
import os
import sys
import urllib.parse


class Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        base, sep, query = path.partition("?")
        plain = super().translate_path(base)
        if sep and query:
            candidate = plain + "@" + query.split("#", 1)[0]
            if os.path.isfile(candidate):
                return candidate
            # A page that exists only with its query: any other query is not found.
            if not os.path.exists(plain):
                return plain + "@"
        return plain

    def guess_type(self, path):
        # Pages carry their charset in a meta tag, as old sites do; PATH@QUERY is HTML.
        if "@" in os.path.basename(path) or path.endswith((".asp", ".html", ".htm")):
            return "text/html"
        return super().guess_type(path)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        sys.stderr.write("%s\n" % (format % args))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    port = int(argv[argv.index("--port") + 1]) if "--port" in argv else 0
    bind = argv[argv.index("--bind") + 1] if "--bind" in argv else "127.0.0.1"
    handler = functools.partial(Handler, directory=root)
    with http.server.ThreadingHTTPServer((bind, port), handler) as server:
        print("port %d" % server.server_address[1], flush=True)
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
