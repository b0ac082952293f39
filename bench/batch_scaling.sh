#!/usr/bin/env bash
# Batch extraction over every dev-corpus page, --jobs 1 versus all cores: wall time (median of 5)
# and peak RSS of the whole run (GNU time's maxresident).
set -euo pipefail
bin=${1:-build/release/newsarc}
shared=$(cd "$(dirname "$0")/../../shared" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One manifest with absolute paths over all sets, repeated 4 times for a longer run.
for m in "$shared"/corpus/*/manifest.jsonl; do
  d=$(dirname "$m")
  /usr/bin/python3 - "$m" "$d" >> "$tmp/all.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    for k in range(4):
        print(json.dumps({"id": f"{o['id']}#{k}", "file": sys.argv[2] + "/" + o["file"], "url": o.get("url")}))
PY
done
pages=$(wc -l < "$tmp/all.jsonl")
run() {
  local jobs=$1 times=()
  for i in 1 2 3 4 5; do
    local s e
    s=$(date +%s.%N)
    "$bin" extract --batch "$tmp/all.jsonl" --out "$tmp/out.jsonl" --jobs "$jobs" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
cores=$(nproc)
t1=$(run 1)
tn=$(run "$cores")
# GNU time writes to its -o file: the command's own stderr is discarded without losing it.
/usr/bin/time -o "$tmp/rss" -f '%M' "$bin" extract --batch "$tmp/all.jsonl" --out "$tmp/out.jsonl" \
  --jobs "$cores" >/dev/null 2>&1 || true
rss=$(tail -1 "$tmp/rss" 2>/dev/null || echo "?")
echo "batch extraction of $pages pages: --jobs 1 median ${t1}s, --jobs $cores median ${tn}s, speed-up $(echo "scale=2; $t1 / $tn" | bc)x, peak RSS ${rss} KiB"
