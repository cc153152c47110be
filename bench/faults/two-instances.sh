#!/usr/bin/env bash
# Fault test "two-instances": two service processes on one database (different ports), webhooks and agent
# sends spread over both, one killed with kill -9: the other takes over every event-processor segment
# (token_entry owners), nothing is lost, and every queued outbound message reaches the Graph API stub exactly once.
# Tunables: TWO_RATE [150] webhooks/s, TWO_DURATION [50] s, TWO_KILL_AT [20] s into the load,
#   TWO_SEND_RATE [3] agent messages/s, TWO_CUSTOMERS [300], TWO_TAKEOVER_TIMEOUT [90],
#   TWO_ACK_TIMEOUT [150] s for Meta's resends, TWO_VISIBLE_TIMEOUT [240] s for the inbox to catch up. Common ones: see lib.sh.
TWO_RATE="${TWO_RATE:-150}"
TWO_DURATION="${TWO_DURATION:-50}"
TWO_KILL_AT="${TWO_KILL_AT:-20}"
TWO_SEND_RATE="${TWO_SEND_RATE:-3}"
TWO_CUSTOMERS="${TWO_CUSTOMERS:-300}"
TWO_TAKEOVER_TIMEOUT="${TWO_TAKEOVER_TIMEOUT:-90}"
TWO_ACK_TIMEOUT="${TWO_ACK_TIMEOUT:-150}"
TWO_VISIBLE_TIMEOUT="${TWO_VISIBLE_TIMEOUT:-240}"
. "$(dirname "$0")/lib.sh"
faults_run two-instances "Instances A and B share one database and one Graph API stub. Webhooks alternate between them (a target that does not answer is skipped for 3 s, like a load balancer's health check); agents send through both and send again, with the same clientMessageId, when an instance does not answer. A is killed with SIGKILL; token_entry is polled until B owns every segment. Bot replies count as outbound messages too." \
  "kill_to_all_segments_on_B_s,acknowledged_wamids,inbound_events,outbound_messages_queued,stub_sends_total" \
  --rate "$TWO_RATE" --duration "$TWO_DURATION" --kill-at "$TWO_KILL_AT" --send-rate "$TWO_SEND_RATE" \
  --customers "$TWO_CUSTOMERS" --takeover-timeout "$TWO_TAKEOVER_TIMEOUT" --ack-timeout "$TWO_ACK_TIMEOUT" \
  --visible-timeout "$TWO_VISIBLE_TIMEOUT"
