#!/usr/bin/env bash
# Retraining after changing 1% of a creator's items versus a full training, and their ratio (the goal is <= 0.05).
# Arguments go to the benchmark, all optional, e.g.:
#   bench/retrain.sh works=100 warmup-works=5
# The application runs with the test profile: in-memory H2 unless ATELIER_DB_URL (with ATELIER_DB_USER and
# ATELIER_DB_PASSWORD) points at a PostgreSQL database. See bench/README.md.
set -euo pipefail

. "$(dirname "$0")/run-benchmark.sh"
run_benchmark dev.atelier.bench.RetrainBenchmark "$@"
