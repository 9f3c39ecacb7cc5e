#!/usr/bin/env bash
# Ingest chunks/s through a whole training job versus a plain ONNX Runtime session on the same model file, texts,
# batches and threads, and their ratio (the goal is >= 0.9). Arguments go to the benchmark, all optional, e.g.:
#   bench/ingest.sh works=100 warmup-works=5 baseline-passes=2 padded-batches=6
# The application runs with the test profile: in-memory H2 unless ATELIER_DB_URL (with ATELIER_DB_USER and
# ATELIER_DB_PASSWORD) points at a PostgreSQL database. See bench/README.md.
# Environment: MVNW_OFFLINE=1 builds with `./mvnw -o`.
# The benchmark runs in a JVM of its own, with the vector module that Lucene uses for vector scoring.
set -euo pipefail

cd "$(dirname "$0")/.."
# The build needs a JDK 21 or newer; the machine's default java may be older.
. ./.mvn/pick-jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

./mvnw -q -B ${MVNW_OFFLINE:+-o} test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
    -Dexec.classpathScope=test \
    -Dexec.executable="$java" \
    -Dexec.args="-Xmx2g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -classpath %classpath dev.atelier.bench.IngestBenchmark $*" \
    2>&1 | grep -v -e '^WARNING: .*sun\.misc\.Unsafe' -e '^WARNING: Please consider reporting' \
        -e '^WARNING: Using incubator modules' -e 'newer than the version Flyway has been verified with' \
        -e 'SpringDoc /.* endpoint is enabled by default' -e 'Failed to detect GPU count' \
        -e 'maxLength is not explicitly specified'
