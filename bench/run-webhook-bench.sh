#!/usr/bin/env bash
# The whole webhook benchmark in one command:
#   build the jar if missing -> fresh database -> start the service -> pgbench ceiling -> ack at
#   1,8,32,128 clients -> rate at 80% of the 32-client peak -> statuses (3x rule) -> e2e on a second
#   fresh database and service instance -> ratios and targets -> bench/results/<date>-webhook.{json,md}
#
# usage: bench/run-webhook-bench.sh            (the whole run)
#        bench/run-webhook-bench.sh --report-from /tmp/webhook-bench.XXXX   (only rebuild the JSON and Markdown)
# Tunables (environment, defaults in brackets):
#   JVM_FLAGS ["-Xms2g -Xmx2g"] for the service, DRIVER_JVM_FLAGS ["-Xmx2g"] for the load driver,
#   PG_SECONDS [15], ACK_CLIENTS [1,8,32,128], ACK_REQUESTS [60000], ACK_SECONDS [20],
#   WARMUP_REQUESTS [20000] / WARMUP_SECONDS [120] (ack warm-up: whichever comes first), E2E_WARMUP_REQUESTS [3000],
#   RATE_FRACTION [0.8], RATE_DURATION [30], RATE_CLIENTS [128], STATUS_OUTBOUND [5000], STATUS_CLIENTS [32],
#   STATUS_SECONDS [60], E2E_FRACTION [0.5] (of the pgbench 32-client rate), E2E_DURATION [20],
#   E2E_CLIENTS [128], E2E_VISIBLE_TIMEOUT [240], HEALTH_TIMEOUT [300], PORT [first free from 18080]
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
JVM_FLAGS="${JVM_FLAGS:--Xms2g -Xmx2g}"
DRIVER_JVM_FLAGS="${DRIVER_JVM_FLAGS:--Xmx2g}"
PG_SECONDS="${PG_SECONDS:-15}"
ACK_CLIENTS="${ACK_CLIENTS:-1,8,32,128}"
ACK_REQUESTS="${ACK_REQUESTS:-60000}"
ACK_SECONDS="${ACK_SECONDS:-20}"
WARMUP_REQUESTS="${WARMUP_REQUESTS:-20000}"
WARMUP_SECONDS="${WARMUP_SECONDS:-120}"
RATE_FRACTION="${RATE_FRACTION:-0.8}"
RATE_DURATION="${RATE_DURATION:-30}"
RATE_CLIENTS="${RATE_CLIENTS:-128}"
STATUS_OUTBOUND="${STATUS_OUTBOUND:-5000}"
STATUS_CLIENTS="${STATUS_CLIENTS:-32}"
STATUS_SECONDS="${STATUS_SECONDS:-60}"
E2E_FRACTION="${E2E_FRACTION:-0.5}"
E2E_DURATION="${E2E_DURATION:-20}"
E2E_CLIENTS="${E2E_CLIENTS:-128}"
E2E_VISIBLE_TIMEOUT="${E2E_VISIBLE_TIMEOUT:-240}"
E2E_WARMUP_REQUESTS="${E2E_WARMUP_REQUESTS:-3000}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-300}"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres

REPORT_FROM=""
if [ "${1:-}" = "--report-from" ] && [ -n "${2:-}" ]; then REPORT_FROM="$(cd "$2" && pwd)"; fi
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n 2,15p "$0"; exit 0; fi

STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="$HERE/results"
OUT_JSON="$RESULTS/$STAMP-webhook.json"
OUT_MD="$RESULTS/$STAMP-webhook.md"
mkdir -p "$RESULTS"
log() { echo "[$(date -u +%H:%M:%S)] $*"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
jget() { [ -f "$1" ] && jq -r "$2" "$1" 2>/dev/null || echo null; }

if [ -z "$REPORT_FROM" ]; then
WORK="$(mktemp -d /tmp/webhook-bench.XXXXXX)"

# ---- the jar (built only when missing; copied so a concurrent rebuild cannot replace it under us)
JAR_SRC="$ROOT/app/target/app-0.1.0-SNAPSHOT.jar"
if [ ! -f "$JAR_SRC" ]; then
  for attempt in 1 2 3; do
    log "building the service jar (attempt $attempt)"
    if (cd "$ROOT" && ./mvnw -o -q install -DskipTests); then break; fi
    [ "$attempt" = 3 ] && { log "build failed 3 times"; exit 1; }
    sleep 60
  done
fi
cp "$JAR_SRC" "$WORK/app.jar"
JAR_SHA="$(sha256sum "$WORK/app.jar" | cut -c1-16)"
JAR_TIME="$(date -u -r "$JAR_SRC" +%Y-%m-%dT%H:%M:%SZ)"

PGJAR="$(ls "$HOME"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | grep -v sources | sort -V | tail -1)"
[ -n "$PGJAR" ] || { echo "PostgreSQL JDBC driver not found under ~/.m2/repository/org/postgresql/postgresql" >&2; exit 1; }

# ---- port
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "${PORT:-}" ]; then
  for p in $(seq 18080 18180); do if port_free "$p"; then PORT=$p; break; fi; done
fi
[ -n "${PORT:-}" ] || { echo "no free port in 18080-18180" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"

# ---- service lifecycle
SERVICE_PID=""
DATABASES=()
stop_service() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$SERVICE_PID" 2>/dev/null && kill -9 "$SERVICE_PID" 2>/dev/null
    wait "$SERVICE_PID" 2>/dev/null
  fi
  SERVICE_PID=""
}
drop_databases() {
  for db in "${DATABASES[@]}"; do
    dropdb --if-exists --force "$db" >/dev/null 2>&1 || dropdb --if-exists "$db" >/dev/null 2>&1
  done
  DATABASES=()
}
cleanup() {
  stop_service
  drop_databases
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_service() { # $1 database, $2 log file
  local db="$1"
  createdb "$db" || return 1
  DATABASES+=("$db")
  log "starting the service on $URL, database $db, JVM flags: $JVM_FLAGS"
  # The bot and read receipts are off unless BENCH_BOT=true: without a Meta account their calls go to the built-in
  # sandbox, which would play Meta's part (and post three status webhooks per reply) on the same two cores.
  DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db" PORT="$PORT" WHATSAPP_WEBHOOK_SECRET=bench-secret \
    ADMIN_EMAIL=admin@bench.local ADMIN_PASSWORD=bench-password JWT_SECRET=bench-jwt \
    DATACARE_WHATSAPP_SANDBOX_ALLOWPOSTGRESQL=true \
    DATACARE_HANDOFF_ENABLED="${BENCH_BOT:-false}" DATACARE_WHATSAPP_MARKASREAD="${BENCH_BOT:-false}" \
    java $JVM_FLAGS -jar "$WORK/app.jar" >"$2" 2>&1 &
  SERVICE_PID=$!
  local t0=$SECONDS
  while [ $((SECONDS - t0)) -lt "$HEALTH_TIMEOUT" ]; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then log "the service died; last log lines:"; tail -20 "$2"; return 1; fi
    if curl -sf -m 2 "$URL/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      STARTUP_SECONDS=$((SECONDS - t0)); log "service UP after ${STARTUP_SECONDS}s (pid $SERVICE_PID)"; return 0
    fi
    sleep 1
  done
  log "the service was not healthy within ${HEALTH_TIMEOUT}s"; return 1
}

PHASE_LOADS=()
SUMMARIES=()
driver() { # $1 phase name, rest: WebhookBench arguments
  local phase="$1"; shift
  local before; before="$(loadavg)"
  log "phase $phase (load average $before)"
  java $DRIVER_JVM_FLAGS -cp "$PGJAR" "$HERE/src/WebhookBench.java" "$@" --url "$URL" --secret bench-secret \
    ${SERVICE_PID:+--service-pid "$SERVICE_PID"} --out "$WORK/$phase.json" 2>&1 | tee "$WORK/$phase.txt"
  local rc=${PIPESTATUS[0]}
  PHASE_LOADS+=("{\"phase\":\"$phase\",\"loadavg_before\":\"$before\",\"loadavg_after\":\"$(loadavg)\",\"exit\":$rc}")
  local s; s="$(grep '^SUMMARY' "$WORK/$phase.txt" | tail -1)"; [ -n "$s" ] && SUMMARIES+=("$s")
  return "$rc"
}

# ---- machine facts
MACHINE_CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM_MB="$(free -m | awk '/^Mem:/{print $2}')"
PG_VERSION="$(psql -X -Atq -d postgres -c 'select version()')"
PG_SETTINGS="$(psql -X -Atq -d postgres -c "select string_agg(name || '=' || setting || coalesce(unit, ''), ', ' order by name) from pg_settings where name in ('synchronous_commit','fsync','wal_sync_method','shared_buffers','max_connections','commit_delay','wal_buffers')")"
JAVA_VERSION="$(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
GIT_HEAD="$(git -C "$ROOT" --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_DIRTY="$(git -C "$ROOT" --no-optional-locks status --porcelain 2>/dev/null | wc -l)"
START_LOAD="$(loadavg)"
log "machine: $(nproc) CPUs ($MACHINE_CPU), ${MEM_MB} MB, $PG_VERSION"
log "java: $JAVA_VERSION"
log "service JVM flags: $JVM_FLAGS; driver JVM flags: $DRIVER_JVM_FLAGS; load average $START_LOAD"
log "work directory $WORK"

# ---- 0. the driver against an in-process null server: its own ceiling on this machine, now
driver selftest selftest --clients 32,128 --requests 40000 --max-seconds 5

DB1="bench_$(date -u +%Y%m%d%H%M%S)_$$"
start_service "$DB1" "$WORK/service.log" || exit 1
STARTUP1="$STARTUP_SECONDS"

# ---- 1. the PostgreSQL ceiling
log "phase pgbench (load average $(loadavg))"
PG_BEFORE="$(loadavg)"
"$HERE/pg-ceiling.sh" --seconds "$PG_SECONDS" --clients "$ACK_CLIENTS" --json "$WORK/pgbench.json" 2>&1 | tee "$WORK/pgbench.txt"
PG_RC=${PIPESTATUS[0]}
PHASE_LOADS+=("{\"phase\":\"pgbench\",\"loadavg_before\":\"$PG_BEFORE\",\"loadavg_after\":\"$(loadavg)\",\"exit\":$PG_RC}")
s="$(grep '^SUMMARY' "$WORK/pgbench.txt" | tail -1)"; [ -n "$s" ] && SUMMARIES+=("$s")
PG32="$(jget "$WORK/pgbench.json" '.levels[] | select(.clients==32) | .inserts_per_s')"

JDBC1="jdbc:postgresql://127.0.0.1:5432/$DB1?user=postgres"

# ---- 2. ack at each client count
driver ack ack --clients "$ACK_CLIENTS" --requests "$ACK_REQUESTS" --max-seconds "$ACK_SECONDS" \
  --warmup-requests "$WARMUP_REQUESTS" --warmup-seconds "$WARMUP_SECONDS" --jdbc "$JDBC1"
ACK32="$(jget "$WORK/ack.json" '.levels[] | select(.clients==32) | .rate')"

# ---- 3. open loop at 80% of the 32-client peak
if [ "$ACK32" != null ] && [ -n "$ACK32" ]; then
  RATE_R="$(awk -v a="$ACK32" -v f="$RATE_FRACTION" 'BEGIN { r = a * f; if (r < 1) r = 1; printf "%.0f", r }')"
  ( sleep $((5 + 2 + RATE_DURATION / 2)); top -b -n1 -c -w 250 | head -20 >"$WORK/top-during-rate.txt" ) &
  TOP_PID=$!
  driver rate rate --rate "$RATE_R" --duration "$RATE_DURATION" --clients "$RATE_CLIENTS" --warmup-seconds 5 --jdbc "$JDBC1"
  wait "$TOP_PID" 2>/dev/null
else
  RATE_R=null; log "no 32-client ack rate: rate phase skipped"
fi

# ---- 4. statuses: 3 per outbound message + 1x inbound, shuffled, partly batched
driver statuses statuses --outbound "$STATUS_OUTBOUND" --clients "$STATUS_CLIENTS" --max-seconds "$STATUS_SECONDS" \
  --warmup-seconds 5 --jdbc "$JDBC1"
BACKLOG_LEFT="$(psql -X -Atq -d "$DB1" -c 'select count(*) from webhook_inbox where processed_at is null and not parked' 2>/dev/null || echo null)"
PARKED1="$(psql -X -Atq -d "$DB1" -c 'select count(*) from webhook_inbox where parked' 2>/dev/null || echo null)"
log "inbox rows still pending after the intake phases: $BACKLOG_LEFT (parked: $PARKED1)"
stop_service
cp "$WORK/service.log" "$WORK/service-intake.log"
drop_databases

# ---- 5. e2e on a fresh database and service, so the intake phases' backlog does not count
if [ "$PG32" != null ] && [ -n "$PG32" ]; then
  E2E_R="$(awk -v p="$PG32" -v f="$E2E_FRACTION" 'BEGIN { printf "%.0f", p * f }')"
else
  E2E_R=1000; log "no pgbench 32-client rate: e2e at $E2E_R/s"
fi
DB2="bench_e2e_$(date -u +%Y%m%d%H%M%S)_$$"
if start_service "$DB2" "$WORK/service-e2e.log"; then
  driver e2e e2e --rate "$E2E_R" --duration "$E2E_DURATION" --clients "$E2E_CLIENTS" --send-grace 10 \
    --warmup-requests "$E2E_WARMUP_REQUESTS" --warmup-seconds 60 --warmup-drain-timeout 120 \
    --visible-timeout "$E2E_VISIBLE_TIMEOUT" --drain-timeout 60 \
    --jdbc "jdbc:postgresql://127.0.0.1:5432/$DB2?user=postgres" --email admin@bench.local --password bench-password
  PARKED2="$(psql -X -Atq -d "$DB2" -c 'select count(*) from webhook_inbox where parked' 2>/dev/null || echo null)"
fi
stop_service
drop_databases
END_LOAD="$(loadavg)"

# ---- ratios, targets, results (bench/run-webhook-bench.sh --report-from WORKDIR redoes only this part)
declare -p STAMP WORK OUT_JSON OUT_MD MACHINE_CPU MEM_MB PG_VERSION PG_SETTINGS JAVA_VERSION JVM_FLAGS DRIVER_JVM_FLAGS \
  GIT_HEAD GIT_DIRTY JAR_SHA JAR_TIME START_LOAD END_LOAD STARTUP1 PHASE_LOADS SUMMARIES RATE_R E2E_R BACKLOG_LEFT \
  PARKED1 PARKED2 2>/dev/null >"$WORK/context.env"
fi

if [ -n "$REPORT_FROM" ]; then
  # shellcheck disable=SC1090,SC1091
  . "$REPORT_FROM/context.env"
fi
PHASES_JSON="[$(IFS=,; echo "${PHASE_LOADS[*]}")]"
SUMMARIES_JSON="$(printf '%s\n' "${SUMMARIES[@]}" | jq -R . | jq -s .)"
slurp() { if [ -s "$1" ] && jq -e . "$1" >/dev/null 2>&1; then echo "$1"; else echo /dev/null; fi; }
ERRORS_LOGGED="$(cat "$WORK"/service*.log 2>/dev/null | grep -c ' ERROR ' || true)"

jq -n \
  --arg date "$STAMP" --arg cpu "$MACHINE_CPU" --argjson nproc "$(nproc)" --argjson mem "$MEM_MB" \
  --arg pgversion "$PG_VERSION" --arg pgsettings "$PG_SETTINGS" --arg java "$JAVA_VERSION" --arg jvm "$JVM_FLAGS" \
  --arg djvm "$DRIVER_JVM_FLAGS" --arg head "$GIT_HEAD" --argjson dirty "$GIT_DIRTY" --arg jarsha "$JAR_SHA" \
  --arg jartime "$JAR_TIME" --arg startload "$START_LOAD" --arg endload "$END_LOAD" --arg kernel "$(uname -r)" \
  --argjson startup "${STARTUP1:-null}" --argjson phases "$PHASES_JSON" --argjson summaries "$SUMMARIES_JSON" \
  --argjson rateR "${RATE_R:-null}" --argjson e2eR "${E2E_R:-null}" --argjson backlog "${BACKLOG_LEFT:-null}" \
  --argjson parked1 "${PARKED1:-null}" --argjson parked2 "${PARKED2:-null}" --argjson errors "${ERRORS_LOGGED:-0}" \
  --slurpfile pg "$(slurp "$WORK/pgbench.json")" --slurpfile ack "$(slurp "$WORK/ack.json")" \
  --slurpfile rate "$(slurp "$WORK/rate.json")" --slurpfile st "$(slurp "$WORK/statuses.json")" \
  --slurpfile e2e "$(slurp "$WORK/e2e.json")" --slurpfile self "$(slurp "$WORK/selftest.json")" '
  def lvl($doc; $c): ($doc[0].levels // [] | map(select(.clients == $c)) | .[0]);
  def pgc($c): ($pg[0].levels // [] | map(select(.clients == $c)) | .[0].inserts_per_s);
  def ratio($a; $b): if ($a == null or $b == null or $b == 0) then null else ($a / $b * 1000 | round / 1000) end;
  ($ack[0].levels // [] | map({clients, webhook_rate: .rate, pgbench_rate: pgc(.clients),
       ratio: ratio(.rate; pgc(.clients)), p50_ms: .latency_ms.p50, p99_ms: .latency_ms.p99})) as $ackratios
  | (pgc(32)) as $pg32
  | (lvl($ack; 32).rate) as $ack32
  | ($rate[0].levels[0] // null) as $r
  | ($e2e[0].e2e // null) as $e
  | {
    date: $date,
    machine: {nproc: $nproc, cpu_model: $cpu, memory_mb: $mem, kernel: $kernel, postgresql: $pgversion,
              postgresql_settings: $pgsettings, java_version: $java, service_jvm_flags: $jvm, driver_jvm_flags: $djvm,
              loadavg_start: $startload, loadavg_end: $endload, note: "2 cores shared with other workloads; see loadavg and cpu.other_cores per level"},
    service: {git_head: $head, uncommitted_paths: $dirty, jar_sha256_prefix: $jarsha, jar_built: $jartime, startup_s: $startup,
              inbox_pending_after_intake_phases: $backlog, parked_rows_intake: $parked1, parked_rows_e2e: $parked2,
              error_lines_in_logs: $errors},
    phases: $phases,
    driver_selftest: ($self[0] // null),
    pgbench: ($pg[0] // null), ack: ($ack[0] // null), rate: ($rate[0] // null), statuses: ($st[0] // null), e2e: ($e2e[0] // null),
    ratios: {ack_vs_pgbench: $ackratios, e2e_vs_pgbench32: ratio($e.sustained_rate; $pg32)},
    targets: [
      {target: "ack throughput at 32 clients >= pgbench single-row inserts at 32 clients",
       measured: $ack32, required: $pg32, pass: ($ack32 != null and $pg32 != null and $ack32 >= $pg32)},
      {target: "at 80% of that load (open loop): median <= 50 ms",
       rate: $rateR, measured: $r.latency_ms.p50, required: 50, pass: ($r != null and $r.latency_ms.p50 <= 50 and $r.non200 == 0)},
      {target: "at 80% of that load (open loop): p99 <= 250 ms",
       rate: $rateR, measured: $r.latency_ms.p99, required: 250, pass: ($r != null and $r.latency_ms.p99 <= 250 and $r.non200 == 0)},
      {target: "e2e sustained rate >= 0.5 x pgbench 32-client rate",
       rate: $e2eR, measured: $e.sustained_rate, required: (if $pg32 == null then null else $pg32 * 0.5 end),
       pass: ($e != null and $pg32 != null and $e.complete and $e.sustained_rate >= $pg32 * 0.5)},
      {target: "e2e projection lag p99 <= 1 s",
       measured: $e.lag_ms.p99, required: 1000, pass: ($e != null and $e.complete and $e.lag_ms.p99 <= 1000)}
    ],
    summaries: $summaries
  }' >"$OUT_JSON" || { log "could not assemble $OUT_JSON"; exit 1; }

# ---- the short report
{
  echo "# Webhook benchmark $STAMP"
  echo
  echo "Service \`$GIT_HEAD\` (+$GIT_DIRTY uncommitted paths in the tree; jar built $JAR_TIME, sha256 $JAR_SHA...)."
  echo
  echo "## Machine"
  echo "- $(nproc) CPUs ($MACHINE_CPU), ${MEM_MB} MB memory, kernel $(uname -r)"
  echo "- $PG_VERSION"
  echo "- PostgreSQL settings: $PG_SETTINGS"
  echo "- $JAVA_VERSION"
  echo "- service JVM flags: \`$JVM_FLAGS\`; driver JVM flags: \`$DRIVER_JVM_FLAGS\` (raw keep-alive sockets, HTTP/1.1)"
  echo "- load average at start $START_LOAD, at end $END_LOAD; per phase:"
  jq -r '.phases[] | "  - \(.phase): \(.loadavg_before) -> \(.loadavg_after)\(if .exit != 0 then " (exit \(.exit))" else "" end)"' "$OUT_JSON"
  jq -r 'if .driver_selftest then "- driver ceiling (selftest: raw sockets against an in-process null server that checks every signature): \(.driver_selftest.levels | map("\(.rate | round)/s at \(.clients) clients") | join(", ")); the CPU the driver used during each level is in the tables below" else empty end' "$OUT_JSON"
  echo
  echo "## Targets"
  echo "| target | measured | required | result |"
  echo "|---|---|---|---|"
  jq -r '.targets[] | "| \(.target)\(if .rate then " (at \(.rate)/s)" else "" end) | \(.measured // "n/a" | if type == "number" then (. * 10 | round / 10) else . end) | \(.required // "n/a" | if type == "number" then (. * 10 | round / 10) else . end) | \(if .pass then "PASS" else "FAIL" end) |"' "$OUT_JSON"
  echo
  echo "## Ack throughput vs pgbench (same client count)"
  echo "| clients | webhooks/s | p50 ms | p99 ms | max ms | non-200 | pgbench inserts/s | ratio | CPU cores service / postgres / driver / other |"
  echo "|---|---|---|---|---|---|---|---|---|"
  jq -r '.ack.levels[]? as $l | (.pgbench.levels[]? | select(.clients == $l.clients)) as $p |
    "| \($l.clients) | \($l.rate | round) | \($l.latency_ms.p50 * 10 | round / 10) | \($l.latency_ms.p99 * 10 | round / 10) | \($l.latency_ms.max | round) | \($l.non200 + $l.io_errors) | \($p.inserts_per_s | round)\(if $p.effective_clients != $p.clients then " (\($p.effective_clients) conn.)" else "" end) | \(if $p.inserts_per_s > 0 then ($l.rate / $p.inserts_per_s * 100 | round / 100) else "n/a" end) | \($l.cpu.service_cores // 0 | . * 100 | round / 100) / \($l.cpu.postgres_cores // 0 | . * 100 | round / 100) / \($l.cpu.driver_cores // 0 | . * 100 | round / 100) / \($l.cpu.other_cores // 0 | . * 100 | round / 100) |"' "$OUT_JSON"
  echo
  echo "## Rate, statuses, e2e"
  jq -r '
    (if .rate then (.rate.levels[0] as $l | "- rate (open loop, \($l.clients) senders): target \($l.target_rate | round)/s, achieved \($l.rate | round)/s, p50 \($l.latency_ms.p50 * 10 | round / 10) ms, p99 \($l.latency_ms.p99 * 10 | round / 10) ms, max \($l.latency_ms.max | round) ms, non-200 \($l.non200 + $l.io_errors), late sends \($l.late_sends_over_5ms), unsent \($l.unsent_after_grace)") else "- rate: not run" end),
    (if .statuses then (.statuses.levels[0] as $l | "- statuses (\(.statuses.mix.outbound_wamids) outbound x 3 statuses + \(.statuses.mix.inbound_webhooks) inbound, \(.statuses.mix.batched_status_webhooks) batched bodies, \($l.clients) clients): \($l.requests) webhooks at \($l.rate | round)/s (\($l.updates_per_s | round) updates/s), p50 \($l.latency_ms.p50 * 10 | round / 10) ms, p99 \($l.latency_ms.p99 * 10 | round / 10) ms, non-200 \($l.non200 + $l.io_errors)") else "- statuses: not run" end),
    (if .e2e then (.e2e.e2e as $e | .e2e.levels[0] as $l | "- e2e (fresh database and service): target \($e.target_rate | round)/s for \($e.duration_s)s; acknowledged \($e.acknowledged) at \($l.rate | round)/s (p50 \($l.latency_ms.p50 * 10 | round / 10) ms, p99 \($l.latency_ms.p99 * 10 | round / 10) ms); visible \($e.visible)/\($e.acknowledged) (complete: \($e.complete)); sustained \($e.sustained_rate | round)/s over \($e.first_send_to_last_visible_s * 10 | round / 10) s; lag p50 \($e.lag_ms.p50 | round) ms, p99 \($e.lag_ms.p99 | round) ms, max \($e.lag_ms.max | round) ms (resolution \($e.lag_resolution_ms) ms); inbox received->dispatched p50 \($e.inbox_received_to_dispatched_ms.p50 | round) ms, p99 \($e.inbox_received_to_dispatched_ms.p99 | round) ms; \($e.events_per_message * 100 | round / 100) events per message; API X-Total-Count \($e.api.x_total_count)") else "- e2e: not run" end),
    "- e2e / pgbench 32-client rate: \(.ratios.e2e_vs_pgbench32 // "n/a")",
    "- inbox rows still pending when the intake phases ended: \(.service.inbox_pending_after_intake_phases); parked rows: \(.service.parked_rows_intake) / \(.service.parked_rows_e2e); ERROR lines in the service logs: \(.service.error_lines_in_logs)"
  ' "$OUT_JSON"
  echo
  echo "## Where the time goes"
  echo "PostgreSQL backends of the service database by state (average count while the level ran, from pg_stat_activity):"
  jq -r '.ack.levels[]? | "- ack c\(.clients): \(.pg_active_backends // {} | to_entries | map("\(.key) \(.value)") | join(", "))"' "$OUT_JSON"
  jq -r 'if .rate then "- rate: \(.rate.levels[0].pg_active_backends // {} | to_entries | map("\(.key) \(.value)") | join(", "))" else empty end' "$OUT_JSON"
  if [ -s "$WORK/top-during-rate.txt" ]; then
    echo
    echo "Busiest processes in the middle of the rate phase (\`top\`):"
    echo '```'
    sed -n "7,16p" "$WORK/top-during-rate.txt" | cut -c1-180
    echo '```'
  fi
  echo
  echo "## Summary lines"
  echo '```'
  jq -r '.summaries[]' "$OUT_JSON"
  echo '```'
} >"$OUT_MD"

echo
cat "$OUT_MD"
echo
log "wrote $OUT_JSON and $OUT_MD (raw outputs and service logs in $WORK)"
