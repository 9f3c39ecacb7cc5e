#!/usr/bin/env bash
# Retrieval plus prompt assembly for a brief at 20,000 chunks in the creator's index: p50/p95/p99 (the goal is
# p99 <= 30 ms), against the same at 2,000 chunks in the same run. Arguments go to the benchmark, all optional, e.g.:
#   bench/prompt.sh chunks=20000 baseline-chunks=2000 embedded=2000 briefs=500 warmup=200 k=4
# embedded=20000 embeds every chunk for real (minutes); by default 2,000 are and the rest reuse perturbed vectors.
# See bench/README.md.
set -euo pipefail

. "$(dirname "$0")/run-benchmark.sh"
run_benchmark dev.atelier.bench.PromptBenchmark "$@"
