#!/usr/bin/env bash
# Fault test "graph-faults": a Graph API stub that, per message, answers HTTP 500, error 130429, or too slowly
# (past the client's read timeout) for the first 1-3 attempts, and 131047 / 131026 always for some messages.
# Transient ones must be retried until accepted (exactly failures + 1 sends at the stub), permanent ones sent
# exactly once; nothing lost. A second batch fails 4 times with HTTP 500 and the service is restarted while
# those retries wait in their backoff: they must still happen.
# Tunables: GF_PER_KIND [12] messages per kind (h500, c130429, slow, p131047, p131026, ok), GF_RESTART_BATCH [16],
#   GF_SLOW_MS [4000] the slow answer, GF_READ_TIMEOUT [2s] the service's Graph API read timeout,
#   GF_SETTLE_TIMEOUT [150] s for the retries to finish, GF_QUIET_MS [10000] watched afterwards for stray retries.
#   Common ones: see lib.sh.
GF_PER_KIND="${GF_PER_KIND:-12}"
GF_RESTART_BATCH="${GF_RESTART_BATCH:-16}"
GF_SLOW_MS="${GF_SLOW_MS:-4000}"
GF_READ_TIMEOUT="${GF_READ_TIMEOUT:-2s}"
GF_SETTLE_TIMEOUT="${GF_SETTLE_TIMEOUT:-150}"
GF_QUIET_MS="${GF_QUIET_MS:-10000}"
. "$(dirname "$0")/lib.sh"
faults_run graph-faults "Customers write first (24-hour windows open), then agents send text messages through POST /api/messages/send with their own message ids; the stub's answer depends on the id and the attempt number and it counts every send per id (biz_opaque_callback_data). The restart is a graceful stop (SIGTERM) and a start while the second batch waits for its third or later attempt." \
  "outcome_by_kind,restart_to_ready_s,stub_sends_total" \
  --per-kind "$GF_PER_KIND" --restart-batch "$GF_RESTART_BATCH" --slow-ms "$GF_SLOW_MS" \
  --client-read-timeout "$GF_READ_TIMEOUT" --settle-timeout "$GF_SETTLE_TIMEOUT" --quiet-ms "$GF_QUIET_MS"
