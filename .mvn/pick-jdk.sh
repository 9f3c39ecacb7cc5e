# Sourced by mvnw. Atelier builds with a JDK 21 or newer: when JAVA_HOME (or the java on PATH) is older, use the
# newest JDK >= 21 under /usr/lib/jvm. With none there, nothing changes and the build's enforcer rule explains.
atelier_jdk_major() {
  atelier_v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  echo "${atelier_v:-0}"
}
atelier_home=${JAVA_HOME:-}
if [ -z "$atelier_home" ] && command -v java >/dev/null 2>&1; then
  atelier_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
if [ "$(atelier_jdk_major "${atelier_home:-/nonexistent}")" -lt 21 ]; then
  atelier_best= ; atelier_best_major=0
  case $- in *f*) atelier_noglob=1; set +f ;; *) atelier_noglob= ;; esac
  for atelier_candidate in /usr/lib/jvm/*; do
    atelier_major=$(atelier_jdk_major "$atelier_candidate")
    if [ "$atelier_major" -ge 21 ] && [ "$atelier_major" -gt "$atelier_best_major" ] && [ -x "$atelier_candidate/bin/java" ]; then
      atelier_best=$atelier_candidate; atelier_best_major=$atelier_major
    fi
  done
  if [ -n "$atelier_noglob" ]; then set -f; fi
  if [ -n "$atelier_best" ]; then
    echo "mvnw: using JDK $atelier_best_major at $atelier_best (Atelier needs 21 or newer)" >&2
    JAVA_HOME=$atelier_best; export JAVA_HOME
  fi
fi
