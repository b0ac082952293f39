#!/usr/bin/env bash
# Workers sharing a PostgreSQL frontier (newsarc crawl --frontier, #16): 1, 2 and 4 workers on
# 200 loopback hosts with --delay 0.5, each host an index page linking 14 articles (15 pages
# and robots.txt). Prints per worker count the median over 3 runs of: wall time, requests per
# second against the politeness bound (200 hosts / 0.5 s = 400 requests/s; and the bound of a
# host's 16 requests in sequence, 7.5 s), the smallest gap between two requests to one host
# seen by the server (and between requests of two different workers, with their median), the
# share of the workers' time spent waiting for the database and the statements (round trips)
# sent to it per request.
# Starts a throwaway PostgreSQL cluster (as tests/support/postgres_server.cpp does) and a
# Python server that names each host by its Host header (all on 127.0.0.1, one port).
# Usage: bench/pg_frontier_bench.sh [build/release/newsarc]
set -euo pipefail
bin=$(readlink -f "${1:-build/release/newsarc}")
pgbin=${NEWSARC_PG_BINDIR:-/usr/lib/postgresql/15/bin}
hosts=200
pages=14
delay=0.5
runs=${BENCH_RUNS:-3}
worker_counts=${BENCH_WORKERS:-1 2 4}
tmp=$(mktemp -d /tmp/newsarc-pgbench.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody:nogroup "$tmp"
  as_owner=(runuser -u nobody --)
fi
chmod 0755 "$tmp"
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  "${as_owner[@]}" "$pgbin/pg_ctl" -D "$tmp/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"${as_owner[@]}" "$pgbin/initdb" -D "$tmp/pg" -A trust -U newsarc --no-sync -E UTF8 \
  --locale=C >/dev/null
port=$((20000 + $$ % 20000))
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -w \
  -o "-k $tmp -c listen_addresses='' -p $port -c max_connections=50" start >/dev/null
pguri() { echo "postgresql:///$1?host=$tmp&port=$port&user=newsarc"; }

mkdir -p "$tmp/run" && chmod 0777 "$tmp/run"
cat > "$tmp/server.py" <<'PY'
import http.server, socketserver, sys, threading, time
pages, log_path = int(sys.argv[2]), sys.argv[3]
lock = threading.Lock()
log = open(log_path, "a", buffering=1)
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        start = time.monotonic()
        host = self.headers.get("Host", "").split(":")[0]
        if self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nDisallow:\n", "text/plain"
        elif self.path == "/":
            links = "".join(f'<li><a href="/a/{i}.html">Article {i}</a></li>' for i in range(1, pages + 1))
            body, ctype = f"<html><head><title>{host}</title></head><body><ul>{links}</ul></body></html>".encode(), "text/html; charset=utf-8"
        else:
            text = ("Association news of " + host + " " + self.path + ". ") * 20
            body = f"<html><head><title>{self.path}</title></head><body><h1>{self.path}</h1><p>{text}</p></body></html>".encode()
            ctype = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with lock:
            ua = self.headers.get("User-Agent", "").split()[0]
            log.write(f"{host} {start:.6f} {time.monotonic():.6f} {self.path} {ua}\n")
    def log_message(self, *a): pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 512
S(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
http_port=$((port + 1))
/usr/bin/python3 "$tmp/server.py" "$http_port" "$pages" "$tmp/requests.log" &
server_pid=$!
sleep 1

resolve=()
: > "$tmp/seeds.txt"
for i in $(seq -w 1 $hosts); do
  echo "http://h$i.bench:$http_port/" >> "$tmp/seeds.txt"
  resolve+=(--resolve "h$i.bench:$http_port:127.0.0.1")
done

# One run: N workers on a fresh database; prints
# "wall requests rate min_gap db_share min_cross_gap statements_per_request median_cross_gap".
run() {
  local n=$1 k=$2 db="b${1}_${2}"
  "${as_owner[@]}" "$pgbin/psql" -X -q -d "$(pguri postgres)" -c "CREATE DATABASE $db" >/dev/null
  : > "$tmp/requests.log"
  local pids=() s e
  s=$(date +%s.%N)
  for w in $(seq 1 "$n"); do
    "$bin" --log-file "$tmp/run/$db-$w.log" crawl --frontier "$(pguri "$db")" \
      --user-agent "newsarc-bench-worker-$w (+https://example.org/bench)" \
      --db "$tmp/run/$db-$w.sqlite" --delay "$delay" --seeds-file "$tmp/seeds.txt" \
      --lease-hosts 256 --no-config "${resolve[@]}" 2>/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  e=$(date +%s.%N)
  /usr/bin/python3 - "$tmp/requests.log" "$(echo "$e - $s" | bc)" "$n" "$tmp/run/$db-"*.log <<'PY'
import re, sys, collections
log, wall, n = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
by_host = collections.defaultdict(list)
for line in open(log):
    host, start, end, path, ua = line.split()
    by_host[host].append((float(start), float(end), ua))
gaps, cross = [], [9.9]
for reqs in by_host.values():
    reqs.sort()
    gaps += [b[0] - a[0] for a, b in zip(reqs, reqs[1:])]
    cross += [b[0] - a[0] for a, b in zip(reqs, reqs[1:]) if a[2] != b[2]]
total = sum(len(v) for v in by_host.values())
db, statements = 0.0, 0
for path in sys.argv[4:]:
    for line in open(path):
        if "time in the database" in line:
            db += float(re.search(r'seconds=([0-9.]+)', line).group(1))
            statements += int(re.search(r'statements=([0-9]+)', line).group(1))
handoffs = sorted(cross[1:])
cross_median = handoffs[len(handoffs) // 2] if handoffs else 9.9
print(f"{wall:.2f} {total} {total / wall:.1f} {min(gaps):.3f} {db / (n * wall):.3f} {min(cross):.3f} {statements / total:.2f} {cross_median:.3f}")
PY
}

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}')"
echo "politeness bound: $hosts hosts / ${delay} s = $(echo "$hosts / $delay" | bc) requests/s; a host's $((pages + 2)) requests take $(echo "($pages + 1) * $delay" | bc) s at least"
for n in $worker_counts; do
  : > "$tmp/results"
  for k in $(seq 1 $runs); do run "$n" "$k" >> "$tmp/results"; done
  wall=$(cut -d' ' -f1 "$tmp/results" | median)
  reqs=$(cut -d' ' -f2 "$tmp/results" | median)
  rate=$(cut -d' ' -f3 "$tmp/results" | median)
  gap=$(cut -d' ' -f4 "$tmp/results" | sort -n | head -1)
  share=$(cut -d' ' -f5 "$tmp/results" | median)
  cross=$(cut -d' ' -f6 "$tmp/results" | sort -n | head -1)
  per_request=$(cut -d' ' -f7 "$tmp/results" | median)
  cross_median=$(cut -d' ' -f8 "$tmp/results" | median)
  echo "workers $n: wall ${wall}s, $reqs requests, ${rate} requests/s (median of $runs), smallest gap to one host ${gap}s (${cross}s between two workers' requests, median ${cross_median}s), database share of the workers' time $share, $per_request database statements per request"
done
