#!/usr/bin/env bash
# Runs the benchmark suites built in $1 (default build/bench) with repetitions and prints
# medians, then the batch-extraction scaling check (--jobs 1 vs --jobs N over the corpus).
set -euo pipefail
dir=${1:-build/bench}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
for b in "$dir"/bench/newsarc_*_bench; do
  echo "== $(basename "$b")"
  "$b" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
       --benchmark_counters_tabular=true
done
bash "$(dirname "$0")/batch_scaling.sh" "$dir/newsarc"
