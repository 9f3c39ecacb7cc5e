#!/usr/bin/env bash
# Per-creator search latency at 20,000 chunks: p50/p99 of hybrid, vector-only and text-only searches (the goal is
# p99 <= 5 ms). Arguments go to the benchmark, all optional, for example:
#   bench/search.sh chunks=20000 queries=2000 warmup=1000 real=256 others=4 other-chunks=2000
set -euo pipefail

. "$(dirname "$0")/run-benchmark.sh"
run_benchmark dev.atelier.bench.SearchBenchmark "$@"
