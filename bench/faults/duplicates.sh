#!/usr/bin/env bash
# Fault test "duplicates": every webhook delivered 3 times side by side (two byte-identical bodies and a third
# body that batches the message with another one), outbound statuses (sent, delivered, read; each 3 times)
# shuffled and partly batched; counts must match exactly: one event and one timeline row per wamid, each
# outbound message sent once, every status ends as read, no status event twice.
# Tunables: DUP_CUSTOMERS [150], DUP_MESSAGES_PER_CUSTOMER [4], DUP_OUTBOUND [200] outbound messages (wamids
#   chosen by the Graph API stub), DUP_PARALLEL [8] groups of 3 copies in flight. Common ones: see lib.sh.
DUP_CUSTOMERS="${DUP_CUSTOMERS:-150}"
DUP_MESSAGES_PER_CUSTOMER="${DUP_MESSAGES_PER_CUSTOMER:-4}"
DUP_OUTBOUND="${DUP_OUTBOUND:-200}"
DUP_PARALLEL="${DUP_PARALLEL:-8}"
. "$(dirname "$0")/lib.sh"
faults_run duplicates "Inbound messages delivered three times concurrently (two identical bodies, one batched body with other bytes); outbound messages sent through POST /api/messages/send to a Graph API stub that returns wamids chosen by the test; then sent/delivered/read status webhooks for those wamids, each body three times concurrently, in shuffled order, a third of them batched." \
  "acknowledged_wamids,inbound_events,timeline_inbound_rows,status_bodies,stub_sends_total" \
  --customers "$DUP_CUSTOMERS" --messages-per-customer "$DUP_MESSAGES_PER_CUSTOMER" --outbound "$DUP_OUTBOUND" \
  --parallel-groups "$DUP_PARALLEL"
