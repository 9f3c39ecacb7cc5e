#!/usr/bin/env bash
# Ingest chunks/s through a whole training job versus a plain ONNX Runtime session on the same model file, texts,
# batches and threads, and their ratio (the goal is >= 0.9). Arguments go to the benchmark, all optional, e.g.:
#   bench/ingest.sh works=100 warmup-works=5 baseline-passes=2 padded-batches=6
# The application runs with the test profile: in-memory H2 unless ATELIER_DB_URL (with ATELIER_DB_USER and
# ATELIER_DB_PASSWORD) points at a PostgreSQL database. See bench/README.md.
set -euo pipefail

. "$(dirname "$0")/run-benchmark.sh"
run_benchmark dev.atelier.bench.IngestBenchmark "$@"
