#!/usr/bin/env bash
# Tokens per second through POST /v1/chat/completions over HTTP versus java-llama.cpp called directly, on the same
# GGUF with the same threads and context in the same run, and their ratio (the goal is >= 0.97). Options go to the
# benchmark as name=value, all optional; the environment gives their defaults:
#   ATELIER_BENCH_GGUF=path/to/model.gguf   (default: the tests' tiny random-weight GGUF)
#   ATELIER_BENCH_THREADS=2                 (default: one per processor)
#   ATELIER_BENCH_MAX_TOKENS=256  ATELIER_BENCH_RUNS=10  ATELIER_BENCH_CONTEXT=16384
# e.g. bench/generation.sh runs=20 warmup=3. See bench/README.md.
set -euo pipefail

. "$(dirname "$0")/run-benchmark.sh"
run_benchmark dev.atelier.bench.GenerationBenchmark "$@"
