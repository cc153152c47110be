#!/usr/bin/env bash
# The raw PostgreSQL ceiling for the webhook intake: pgbench, one durable single-row INSERT per
# transaction (synchronous_commit as configured, normally on) of a row like webhook_inbox's
# (bigserial id, timestamptz, bytea body of 800 bytes, varchar(64) hash, varchar(64) correlation id),
# at each client count, in a scratch database that is created here and dropped on exit.
#
# usage: bench/pg-ceiling.sh [--clients "1 8 32 128"] [--seconds 15] [--json FILE]
# env:   PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)
set -euo pipefail

CLIENTS="1 8 32 128"
SECONDS_EACH=15
JSON_OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS="${2//,/ }"; shift 2 ;;
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --json) JSON_OUT="$2"; shift 2 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$SECONDS_EACH" in ''|*[!0-9]*) echo "--seconds must be a whole number" >&2; exit 2 ;; esac
if [ "$SECONDS_EACH" -gt 600 ]; then echo "--seconds is limited to 600" >&2; exit 2; fi

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
case "$PGHOST" in 127.0.0.1|localhost) ;; *) echo "PGHOST must be local (127.0.0.1)" >&2; exit 2 ;; esac

DB="pgceiling_$(date +%Y%m%d%H%M%S)_$$"
SCRIPT="$(mktemp /tmp/pg-ceiling.XXXXXX.sql)"
cleanup() {
  rm -f "$SCRIPT"
  dropdb --if-exists --force "$DB" >/dev/null 2>&1 || dropdb --if-exists "$DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

createdb "$DB"
psql -q -X -v ON_ERROR_STOP=1 -d "$DB" <<'SQL'
create table inbox_like (
    id             bigserial primary key,
    received_at    timestamptz not null,
    body           bytea       not null,
    body_sha256    varchar(64) not null,
    correlation_id varchar(64)
);
SQL

# 800-byte body (25 x 32 hex characters), a 64-character hash and a 32-character correlation id.
cat >"$SCRIPT" <<'SQL'
\set r random(1, 1000000000)
insert into inbox_like (received_at, body, body_sha256, correlation_id)
values (now(), convert_to(repeat(md5(:r::text), 25), 'UTF8'), md5((:r + 1)::text) || md5((:r + 2)::text), md5((:r + 3)::text));
SQL

NPROC="$(nproc)"
MAX_CONN="$(psql -X -Atq -d "$DB" -c 'show max_connections')"
RESERVED="$(psql -X -Atq -d "$DB" -c 'show superuser_reserved_connections')"
SYNC="$(psql -X -Atq -d "$DB" -c 'show synchronous_commit')"
FSYNC="$(psql -X -Atq -d "$DB" -c 'show fsync')"
VERSION="$(psql -X -Atq -d "$DB" -c 'show server_version')"

echo "pgbench single-row durable inserts (PostgreSQL $VERSION, synchronous_commit=$SYNC, fsync=$FSYNC,"
echo "max_connections=$MAX_CONN), ${SECONDS_EACH}s per client count, database $DB"
printf '%-8s %-10s %-8s %12s %14s\n' clients effective threads inserts/s "avg latency ms"

LEVELS=""
SUMMARY="SUMMARY pgbench"
for C in $CLIENTS; do
  IN_USE="$(psql -X -Atq -d "$DB" -c 'select count(*) from pg_stat_activity where backend_type = $$client backend$$')"
  AVAILABLE=$(( MAX_CONN - RESERVED - IN_USE - 5 ))
  EFFECTIVE=$C
  NOTE=""
  if [ "$EFFECTIVE" -gt "$AVAILABLE" ]; then
    EFFECTIVE=$AVAILABLE
    NOTE="capped at $AVAILABLE connections (max_connections=$MAX_CONN, $IN_USE in use)"
  fi
  THREADS=$(( EFFECTIVE < NPROC ? EFFECTIVE : NPROC ))
  psql -X -q -d "$DB" -c 'truncate inbox_like' -c 'checkpoint' >/dev/null
  OUT="$(pgbench -n -M prepared -c "$EFFECTIVE" -j "$THREADS" -T "$SECONDS_EACH" -f "$SCRIPT" "$DB" 2>&1)" || {
    echo "$OUT" >&2; echo "pgbench failed at $C clients" >&2; exit 1; }
  TPS="$(echo "$OUT" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)"
  LAT="$(echo "$OUT" | sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' | head -1)"
  FAILED="$(echo "$OUT" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' | head -1)"
  printf '%-8s %-10s %-8s %12.0f %14s %s\n' "$C" "$EFFECTIVE" "$THREADS" "$TPS" "${LAT:-?}" "$NOTE"
  SUMMARY="$SUMMARY c$C=$(printf '%.0f' "$TPS")/s"
  [ "$EFFECTIVE" != "$C" ] && SUMMARY="$SUMMARY(capped:$EFFECTIVE)"
  LEVEL="{\"clients\":$C,\"effective_clients\":$EFFECTIVE,\"threads\":$THREADS,\"inserts_per_s\":$TPS,\"latency_ms_avg\":${LAT:-null},\"failed\":${FAILED:-0},\"note\":\"$NOTE\"}"
  LEVELS="${LEVELS:+$LEVELS,}$LEVEL"
done
echo "$SUMMARY"

if [ -n "$JSON_OUT" ]; then
  mkdir -p "$(dirname "$JSON_OUT")"
  cat >"$JSON_OUT" <<JSON
{"tool":"pgbench","server_version":"$VERSION","synchronous_commit":"$SYNC","fsync":"$FSYNC","max_connections":$MAX_CONN,
 "seconds_each":$SECONDS_EACH,"row":"bigserial id, timestamptz, bytea 800 bytes, varchar(64) hash, varchar(64) correlation id; primary key only",
 "levels":[$LEVELS],"summary":"$SUMMARY"}
JSON
  echo "wrote $JSON_OUT"
fi
