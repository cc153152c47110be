#!/usr/bin/env bash
# Fault test "crash": webhook load, kill -9 of the service at a random moment, restart, Meta's resends;
# every webhook that got a 200 is in the event store and the inbox exactly once; time to ready after restart.
# Tunables (environment, defaults in brackets): CRASH_RATE [250] webhooks/s, CRASH_DURATION [30] s of load,
#   CRASH_KILL_FROM [0.3] / CRASH_KILL_TO [0.7] the kill moment as a fraction of the load, drawn at random,
#   CRASH_ACK_TIMEOUT [150] s for Meta's resends to get every 200, CRASH_VISIBLE_TIMEOUT [150] s for the inbox.
#   Common ones: see lib.sh.
CRASH_RATE="${CRASH_RATE:-250}"
CRASH_DURATION="${CRASH_DURATION:-30}"
CRASH_KILL_FROM="${CRASH_KILL_FROM:-0.3}"
CRASH_KILL_TO="${CRASH_KILL_TO:-0.7}"
CRASH_ACK_TIMEOUT="${CRASH_ACK_TIMEOUT:-150}"
CRASH_VISIBLE_TIMEOUT="${CRASH_VISIBLE_TIMEOUT:-150}"
. "$(dirname "$0")/lib.sh"
faults_run crash "Signed single-message webhooks at a fixed rate (open loop); the service is killed with SIGKILL at a random moment and restarted at once; every webhook without a 200 is sent again (backoff 0.5-4 s) until it gets one. Then every acknowledged wamid must be exactly once in domain_event_entry (TextMessageReceived) and in timeline_message." \
  "acknowledged_before_kill,restart_to_ready_s,kill_to_first_200_s,acknowledged_wamids,inbound_events,timeline_inbound_rows" \
  --rate "$CRASH_RATE" --duration "$CRASH_DURATION" --kill-from "$CRASH_KILL_FROM" --kill-to "$CRASH_KILL_TO" \
  --ack-timeout "$CRASH_ACK_TIMEOUT" --visible-timeout "$CRASH_VISIBLE_TIMEOUT"
