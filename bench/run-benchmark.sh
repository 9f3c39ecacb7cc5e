# Sourced by the bench scripts: run_benchmark MAIN_CLASS [ARGS…] builds the test classpath and runs the benchmark in a
# JVM of its own, with the vector module Lucene uses for vector scoring, filtering the JDK's and libraries' noise.
# Environment: MVNW_OFFLINE=1 builds with `./mvnw -o`.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The build needs a JDK 21 or newer; the machine's default java may be older.
. ./.mvn/pick-jdk.sh
run_benchmark() {
    local main=$1
    shift
    local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    ./mvnw -q -B ${MVNW_OFFLINE:+-o} test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
        -Dexec.classpathScope=test \
        -Dexec.executable="$java" \
        -Dexec.args="-Xmx2g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -classpath %classpath $main $*" \
        2>&1 | grep -v -e '^WARNING: .*sun\.misc\.Unsafe' -e '^WARNING: Please consider reporting' \
            -e '^WARNING: Using incubator modules' -e 'newer than the version Flyway has been verified with' \
            -e 'SpringDoc /.* endpoint is enabled by default' -e 'Failed to detect GPU count' \
            -e 'maxLength is not explicitly specified'
}
