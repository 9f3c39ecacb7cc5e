#!/usr/bin/env bash
# Per-creator search latency at 20,000 chunks: p50/p99 of hybrid, vector-only and text-only searches (the goal is
# p99 <= 5 ms). Arguments go to the benchmark, all optional, for example:
#   bench/search.sh chunks=20000 queries=2000 warmup=1000 real=256 others=4 other-chunks=2000
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
    -Dexec.args="-Xmx2g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -classpath %classpath dev.atelier.bench.SearchBenchmark $*" \
    2>&1 | grep -v -e '^WARNING: .*sun\.misc\.Unsafe' -e '^WARNING: Please consider reporting' \
        -e '^WARNING: Using incubator modules'
