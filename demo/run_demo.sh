#!/usr/bin/env bash
# `make demo`: newsarc end to end on loopback. Generates the bundled demo association site
# (tools/make_demo_site.py: GB2312 and UTF-8 columns, pagination, prev/next chains, a robots.txt
# with a Disallow and a Crawl-delay, a meta-refresh home page leading to a frameset, a column
# shown in an iframe with a createPageHTML pager, a GBK query column), serves it on 127.0.0.1, crawls it politely into
# demo/archive.sqlite, exports demo/articles.jsonl and prints the archive's statistics.
set -euo pipefail
bin=$(cd "$(dirname "${1:-build/release/newsarc}")" && pwd)/$(basename "${1:-build/release/newsarc}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
site=$(mktemp -d)
server_log=$(mktemp)
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$site" "$server_log"
}
trap cleanup EXIT

/usr/bin/python3 "$root/tools/make_demo_site.py" "$site" --crawl-delay 0.3
# A static server on a free loopback port (it prints the port it bound).
/usr/bin/python3 -u "$root/tools/demo_server.py" "$site" --port 0 --bind 127.0.0.1 >"$server_log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 50); do
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$server_log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "demo: the demo web server did not start" >&2; exit 1; }

rm -f "$here/archive.sqlite" "$here/archive.sqlite-wal" "$here/archive.sqlite-shm"
echo "newsarc demo: crawling the demo association site at http://demo.test:$port/ (loopback)"
echo "  robots.txt asks for 0.3 s between requests and forbids /admin/; newsarc obeys both."
status=0
"$bin" crawl --db "$here/archive.sqlite" --seed "http://demo.test:$port/index.html" \
  --resolve "demo.test:$port:127.0.0.1" --delay 0.1 --no-config || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
  echo "demo: crawl failed (exit $status)" >&2
  exit "$status"
fi
"$bin" export --db "$here/archive.sqlite" --out "$here/articles.jsonl"
echo
"$bin" stats --db "$here/archive.sqlite"
echo
echo "Archive: demo/archive.sqlite   Export: demo/articles.jsonl ($(wc -l <"$here/articles.jsonl") articles)"
echo "First article:"
head -n 1 "$here/articles.jsonl" | /usr/bin/python3 -c 'import json,sys; a=json.load(sys.stdin); print("  %s | %s | %s\n  %s..." % (a["title"], a["published_date"], a["encoding"]["used"], a["body"][:60]))'
