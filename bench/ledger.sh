#!/usr/bin/env bash
# Ledger purchase-like transactions per second versus `pgbench -b tpcb-like`, on the same PostgreSQL server in the
# same run, and their ratio (the goal is >= 0.5). See bench/README.md.
#
# Environment (all optional):
#   CLIENTS=8              concurrent clients, for pgbench and the ledger alike
#   SECONDS=20             measured seconds of each (BENCH_SECONDS also works; bash treats SECONDS specially)
#   WARMUP=5               seconds of ledger load before measuring, while the JIT compiles
#   ATELIER_DB_URL         jdbc:postgresql://HOST[:PORT]/DB; when unset, the local cluster's database atelier_bench,
#                          which this script (run as root or postgres) creates with the role atelier/atelier and
#                          drops and recreates on every run unless BENCH_FRESH=0
#   ATELIER_DB_USER        (atelier)
#   ATELIER_DB_PASSWORD    (atelier)
# pgbench's tables go in a schema of their own, `pgbench`, so that Flyway still finds `public` its own.
set -euo pipefail

# Bash resets $SECONDS to count up from any value it inherits, so read the inherited value before anything runs.
inherited_seconds=$(printenv SECONDS || true)
clients=${CLIENTS:-8}
duration=${BENCH_SECONDS:-${inherited_seconds:-20}}
warmup=${WARMUP:-5}
exec_plugin=org.codehaus.mojo:exec-maven-plugin:3.5.1

cd "$(dirname "$0")/.."

die() {
    echo "ledger.sh: $*" >&2
    exit 1
}

[[ $clients =~ ^[1-9][0-9]*$ ]] || die "CLIENTS must be a positive integer, was '$clients'"
[[ $duration =~ ^[1-9][0-9]*$ ]] || die "SECONDS must be a positive integer, was '$duration'"
[[ $warmup =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer, was '$warmup'"
command -v pgbench >/dev/null || die "pgbench not found; it comes with Debian's postgresql package"
command -v psql >/dev/null || die "psql not found; install postgresql-client"

java_major() {
    local version
    version=$("$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1) || true
    echo "${version:-0}"
}

# The build needs a JDK 21 or newer; the machine's default java may be older.
if [[ -z ${JAVA_HOME:-} || ! -x ${JAVA_HOME}/bin/javac || $(java_major "$JAVA_HOME/bin/java") -lt 21 ]]; then
    JAVA_HOME=
    for candidate in /usr/lib/jvm/*; do
        if [[ -x $candidate/bin/javac && $(java_major "$candidate/bin/java") -ge 21 ]]; then
            JAVA_HOME=$candidate
            break
        fi
    done
    [[ -n $JAVA_HOME ]] || die "no JDK 21 or newer found; set JAVA_HOME to one"
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

managed=false
if [[ -z ${ATELIER_DB_URL:-} ]]; then
    managed=true
fi
db_url=${ATELIER_DB_URL:-jdbc:postgresql://localhost:5432/atelier_bench}
db_user=${ATELIER_DB_USER:-atelier}
db_password=${ATELIER_DB_PASSWORD:-atelier}

[[ $db_url =~ ^jdbc:postgresql://([^/:?]+)(:([0-9]+))?/([^/?]+) ]] \
    || die "ATELIER_DB_URL must look like jdbc:postgresql://HOST[:PORT]/DATABASE, was '$db_url'"
export PGHOST=${BASH_REMATCH[1]} PGPORT=${BASH_REMATCH[3]:-5432} PGDATABASE=${BASH_REMATCH[4]}
export PGUSER=$db_user PGPASSWORD=$db_password

# As the database superuser over the local socket (so without the benchmark's PG* settings); only the managed
# local database is set up this way.
as_postgres() {
    local clean=(env -u PGHOST -u PGDATABASE -u PGUSER -u PGPASSWORD -u PGOPTIONS)
    if [[ $(id -u) -eq 0 ]]; then
        # From / because postgres may not be allowed into the checkout.
        (cd / && "${clean[@]}" runuser -u postgres -- "$@")
    elif [[ $(id -un) == postgres ]]; then
        "${clean[@]}" "$@"
    else
        return 1
    fi
}

if $managed; then
    if [[ $(id -u) -eq 0 ]] && command -v pg_lsclusters >/dev/null; then
        # Start the cluster on the benchmark's port if it is down; one that is up is left as it is.
        read -r version cluster status < <(pg_lsclusters --no-header \
            | awk -v port="$PGPORT" '$3 == port {print $1, $2, $4; exit}') || true
        if [[ -n ${version:-} && $status != online* ]]; then
            echo "starting PostgreSQL cluster $version/$cluster"
            pg_ctlcluster "$version" "$cluster" start
        fi
    fi
    for _ in $(seq 30); do
        pg_isready -q -h "$PGHOST" -p "$PGPORT" && break
        sleep 1
    done
    if as_postgres psql -p "$PGPORT" -d postgres -qAt -c 'select 1' >/dev/null 2>&1; then
        as_postgres psql -p "$PGPORT" -d postgres -q -v ON_ERROR_STOP=1 \
            -v user="$PGUSER" -v password="$PGPASSWORD" <<'SQL'
select format('create role %I login password %L', :'user', :'password')
where not exists (select from pg_roles where rolname = :'user') \gexec
SQL
        if [[ ${BENCH_FRESH:-1} == 1 ]]; then
            as_postgres dropdb -p "$PGPORT" --if-exists "$PGDATABASE"
        fi
        if ! as_postgres psql -p "$PGPORT" -d postgres -qAt -v db="$PGDATABASE" \
                <<<"select 1 from pg_database where datname = :'db'" | grep -q 1; then
            as_postgres createdb -p "$PGPORT" -O "$PGUSER" "$PGDATABASE"
        fi
    else
        echo "ledger.sh: not root nor postgres, so using $PGDATABASE as it is (it must exist)" >&2
    fi
fi

psql -qAt -c 'select 1' >/dev/null || die "cannot connect to $db_url as $PGUSER"
server=$(psql -qAt -c 'show server_version')
echo "PostgreSQL $server at $PGHOST:$PGPORT/$PGDATABASE, $clients clients, $duration s each"

# 1. pgbench, in its own schema.
psql -q -v ON_ERROR_STOP=1 -c 'create schema if not exists pgbench'
export PGOPTIONS="-c search_path=pgbench"
echo "== pgbench -i -s 4"
pgbench -i -s 4 -q 2>&1 | tail -n 1
echo "== pgbench -b tpcb-like -c $clients -j 2 -T $duration -n"
pgbench_out=$(pgbench -b tpcb-like -c "$clients" -j 2 -T "$duration" -n 2>&1) || {
    echo "$pgbench_out"
    die "pgbench failed"
}
echo "$pgbench_out" | grep -E '^(number of (transactions actually processed|failed)|latency average|tps)'
# PostgreSQL 14 and later say "(without initial connection time)", older ones "(excluding connections establishing)".
pgbench_tps=$(echo "$pgbench_out" \
    | sed -nE 's/^tps = ([0-9.]+) \((without initial connection time|excluding connections establishing)\)/\1/p' \
    | head -n 1)
[[ -n $pgbench_tps ]] || die "could not read pgbench's tps"
unset PGOPTIONS

# 2. The ledger, through the application's own Ledger against the same database.
echo "== ledger purchase-like transfers, $clients clients"
ledger_log=$(mktemp)
trap 'rm -f "$ledger_log"' EXIT
ATELIER_DB_URL=$db_url ATELIER_DB_USER=$db_user ATELIER_DB_PASSWORD=$db_password \
    ./mvnw -q -B test-compile "$exec_plugin:java" \
        -Dexec.classpathScope=test \
        -Dexec.mainClass=dev.atelier.bench.LedgerBenchmark \
        -Dexec.args="--clients=$clients --seconds=$duration --warmup=$warmup" \
        2>&1 | grep -v -e '^WARNING: .*sun\.misc\.Unsafe' -e '^WARNING: Please consider reporting' | tee "$ledger_log" \
    || die "the ledger benchmark failed"
ledger_tps=$(sed -n 's/^LEDGER_TPS=//p' "$ledger_log" | tail -n 1)
[[ -n $ledger_tps ]] || die "the ledger benchmark printed no LEDGER_TPS"

# 3. The comparison.
awk -v ledger="$ledger_tps" -v pgbench="$pgbench_tps" -v clients="$clients" -v seconds="$duration" 'BEGIN {
    ratio = ledger / pgbench
    printf "ledger %.0f tx/s, pgbench tpcb-like %.0f tx/s, ratio %.2f (goal >= 0.5) [%d clients, %d s]\n",
        ledger, pgbench, ratio, clients, seconds
    printf "RATIO=%.3f\n", ratio
}'
