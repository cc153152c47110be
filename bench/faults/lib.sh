#!/usr/bin/env bash
# Shared part of the fault tests (sourced by bench/faults/<name>.sh): the jar, fresh databases, the driver
# (FaultKit.java), results under bench/results/, and a trap that kills every process the test started and
# drops its databases. Tunables common to every test (environment, defaults in brackets):
#   JVM_FLAGS ["-Xmx1g"] for each service process, DRIVER_JVM_FLAGS ["-Xmx768m"] for the driver,
#   PORT_BASE [18500] first port tried, FAULT_TIMEOUT [900] hard limit in seconds for one test,
#   STARTUP_TIMEOUT [300] seconds a service may take to report UP, SEED [random] for the random choices,
#   POOL_SIZE [12] Hikari pool per service process (PostgreSQL is shared with other work),
#   FAULTS_REBUILD [0] 1 = rebuild the jar even if app/target has one, FAULTS_RESULTS [bench/results] where results go.
set -uo pipefail

FAULTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$FAULTS_DIR/../.." && pwd)"
RESULTS="${FAULTS_RESULTS:-$ROOT/bench/results}"
JVM_FLAGS="${JVM_FLAGS:--Xmx1g}"
DRIVER_JVM_FLAGS="${DRIVER_JVM_FLAGS:--Xmx768m}"
PORT_BASE="${PORT_BASE:-18500}"
FAULT_TIMEOUT="${FAULT_TIMEOUT:-900}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-300}"
POOL_SIZE="${POOL_SIZE:-12}"
SEED="${SEED:-}"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres

flog() { echo "[$(date -u +%H:%M:%S)] $*"; }

# faults_run NAME "what it checks" "summary,keys" [driver options...]
faults_run() {
  local name="$1" what="$2" keys="$3"
  shift 3
  FAULT_NAME="$name"
  FAULT_STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
  FAULT_WORK="$(mktemp -d "/tmp/faults-$name.XXXXXX")"
  FAULT_DBS=()
  trap faults_cleanup EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$RESULTS"

  local jar_src="$ROOT/app/target/app-0.1.0-SNAPSHOT.jar"
  if [ -n "${FAULTS_JAR:-}" ] && [ -f "$FAULTS_JAR" ]; then
    jar_src="$FAULTS_JAR"
  elif [ ! -f "$jar_src" ] || [ "${FAULTS_REBUILD:-0}" = 1 ]; then
    flog "building the service jar"
    (cd "$ROOT" && ./mvnw -o -B -q -pl app -am package -DskipTests) || { echo "SUMMARY $name FAIL build failed"; return 1; }
  fi
  cp "$jar_src" "$FAULT_WORK/app.jar"
  local pgjar
  pgjar="$(ls "$HOME"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | grep -v sources | sort -V | tail -1)"
  [ -n "$pgjar" ] || { echo "SUMMARY $name FAIL no PostgreSQL JDBC driver under ~/.m2"; return 1; }

  local db="faults_${name//-/_}_$(date -u +%Y%m%d%H%M%S)_$$"
  createdb "$db" || { echo "SUMMARY $name FAIL createdb $db failed"; return 1; }
  FAULT_DBS+=("$db")

  local machine head
  machine="$(nproc) CPUs, $(free -m | awk '/^Mem:/{print $2}') MB, $(psql -X -Atq -d postgres -c 'show server_version' 2>/dev/null | sed 's/^/PostgreSQL /'), $(java -version 2>&1 | head -1 | tr -d '"')"
  head="$(git -C "$ROOT" --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)"
  local out_json="$RESULTS/$FAULT_STAMP-faults-$name.json" out_md="$RESULTS/$FAULT_STAMP-faults-$name.md"
  flog "fault test $name: work directory $FAULT_WORK, database $db, load average $(cut -d' ' -f1-3 /proc/loadavg)"

  # shellcheck disable=SC2086
  timeout --kill-after=15 "$FAULT_TIMEOUT" java $DRIVER_JVM_FLAGS -cp "$pgjar" "$FAULTS_DIR/FaultKit.java" "$name" \
    --jar "$FAULT_WORK/app.jar" --work "$FAULT_WORK" --db "$db" --port-base "$PORT_BASE" --jvm-flags "$JVM_FLAGS" \
    --pool-size "$POOL_SIZE" --startup-timeout "$STARTUP_TIMEOUT" ${SEED:+--seed "$SEED"} \
    --stamp "$FAULT_STAMP" --git-head "$head" --machine "$machine" --what "$what" --summary-keys "$keys" \
    --out-json "$out_json" --out-md "$out_md" "$@" 2>&1 | tee "$FAULT_WORK/driver.txt"
  local rc=${PIPESTATUS[0]}
  if ! grep -q "^SUMMARY $name " "$FAULT_WORK/driver.txt"; then
    echo "SUMMARY $name FAIL driver ended with exit code $rc and no summary (see $FAULT_WORK/driver.txt)"
    rc=1
  fi
  flog "results: $out_json, $out_md; service logs in $FAULT_WORK"
  return "$rc"
}

# Kills only the processes this test started (pids the driver recorded, checked against their command line),
# then drops the test's databases.
faults_cleanup() {
  if [ -n "${FAULT_WORK:-}" ] && [ -f "$FAULT_WORK/pids" ]; then
    while read -r pid; do
      [ -n "$pid" ] || continue
      if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$FAULT_WORK/app.jar"; then
        kill -9 "$pid" 2>/dev/null
      fi
    done <"$FAULT_WORK/pids"
  fi
  for db in "${FAULT_DBS[@]}"; do
    dropdb --if-exists --force "$db" >/dev/null 2>&1 || dropdb --if-exists "$db" >/dev/null 2>&1
  done
  FAULT_DBS=()
}
