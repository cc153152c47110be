#!/usr/bin/env bash
# Fault test "postgres-outage": the service reaches PostgreSQL through a TCP proxy of the driver; under webhook
# load the proxy drops every connection and refuses new ones for PG_OUTAGE seconds (the machine's PostgreSQL
# itself keeps running). Webhooks must get 503 (never a 200 that was not persisted), the service must recover
# by itself, and with Meta's resends nothing is lost.
# Tunables: PG_RATE [200] webhooks/s, PG_BEFORE [10] s of load before the outage, PG_OUTAGE [30] s,
#   PG_AFTER [15] s of load after it, PG_ACK_TIMEOUT [150], PG_VISIBLE_TIMEOUT [150]. Common ones: see lib.sh.
PG_RATE="${PG_RATE:-200}"
PG_BEFORE="${PG_BEFORE:-10}"
PG_OUTAGE="${PG_OUTAGE:-30}"
PG_AFTER="${PG_AFTER:-15}"
PG_ACK_TIMEOUT="${PG_ACK_TIMEOUT:-150}"
PG_VISIBLE_TIMEOUT="${PG_VISIBLE_TIMEOUT:-150}"
. "$(dirname "$0")/lib.sh"
faults_run postgres-outage "DATABASE_URL points at a JDK TCP proxy in front of 127.0.0.1:5432; under load the proxy resets every connection and closes its listening socket (connection refused) for the outage, then listens again. Answers are counted per phase; health, liveness and readiness are polled every second; the checks use a direct connection to PostgreSQL." \
  "answers_during_outage,acknowledged_during_outage,back_up_to_first_200_s,back_up_to_health_UP_s,acknowledged_wamids,inbound_events" \
  --rate "$PG_RATE" --before "$PG_BEFORE" --outage "$PG_OUTAGE" --after "$PG_AFTER" \
  --ack-timeout "$PG_ACK_TIMEOUT" --visible-timeout "$PG_VISIBLE_TIMEOUT"
