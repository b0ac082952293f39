#!/usr/bin/env bash
# Runs the benchmark suites built in $1 (default build/bench) with repetitions and prints
# medians, then the batch-extraction scaling check (--jobs 1 vs --jobs N over the corpus).
#
# The extraction suite is run with its benchmarks randomly interleaved (12 repetitions each):
# on a shared virtual machine the speed drifts by 10-20 % over minutes, and the issue's
# figure is a ratio (end to end vs Gumbo's own parse), which only means something when both
# sides see the same drift. The ratios are printed from the medians.
set -euo pipefail
dir=${1:-build/bench}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
for b in "$dir"/bench/newsarc_*_bench; do
  echo "== $(basename "$b")"
  if [[ $(basename "$b") == newsarc_extract_bench ]]; then
    json=$(mktemp)
    "$b" --benchmark_repetitions=12 --benchmark_min_time=1 \
         --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true \
         --benchmark_counters_tabular=true --benchmark_out="$json" --benchmark_out_format=json
    python3 - "$json" <<'PY'
import json, sys
rows = {b["run_name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("aggregate_name") == "median"}
def ms(prefix):
    return next((b["cpu_time"] for name, b in rows.items() if name.startswith(prefix)), None)
end_to_end = ms("BM_ExtractCorpus")
for label, prefix in (("Gumbo as newsarc runs it (arena, no error list)", "BM_GumboOnlyCorpus/0"),
                      ("stock gumbo_parse + gumbo_destroy_output", "BM_GumboOnlyCorpus/1"),
                      ("Gumbo on the prescanned pages (script/style bodies dropped)",
                       "BM_GumboOnlyCorpus/2")):
    gumbo = ms(prefix)
    if end_to_end and gumbo:
        print(f"end to end / {label}: {gumbo / end_to_end:.2f} of its speed (medians)")
PY
    rm -f "$json"
  else
    "$b" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
         --benchmark_counters_tabular=true
  fi
done
bash "$(dirname "$0")/batch_scaling.sh" "$dir/newsarc"
