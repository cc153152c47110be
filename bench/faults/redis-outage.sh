#!/usr/bin/env bash
# Fault test "redis-outage": REDIS_URL points at a TCP proxy of the driver in front of 127.0.0.1:6379; under
# webhook load the proxy drops every connection and refuses new ones for REDIS_OUTAGE seconds. Webhook intake
# must keep answering 200, nothing may be lost, the service stays live and ready; the bot degrades (its context
# store falls back, logged), agent messages sent during the outage still reach the Graph API stub exactly once.
# Tunables: REDIS_RATE [200] webhooks/s, REDIS_BEFORE [10], REDIS_OUTAGE [30], REDIS_AFTER [15] seconds,
#   REDIS_SENDS [40] agent messages during the outage, REDIS_PORT [6379], REDIS_BOT_HOURS [closed: today is a
#   holiday for the bot; shipped: Nairobi office hours, where the bot answers itself and never uses its Redis
#   context store, so the "bot degraded" check fails by design]. Common ones: see lib.sh.
REDIS_RATE="${REDIS_RATE:-200}"
REDIS_BEFORE="${REDIS_BEFORE:-10}"
REDIS_OUTAGE="${REDIS_OUTAGE:-30}"
REDIS_AFTER="${REDIS_AFTER:-15}"
REDIS_SENDS="${REDIS_SENDS:-40}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_BOT_HOURS="${REDIS_BOT_HOURS:-closed}"
. "$(dirname "$0")/lib.sh"
faults_run redis-outage "REDIS_URL points at a JDK TCP proxy in front of Redis; the service also has a Graph API stub (so the shared send throttle uses Redis). Under load the proxy resets every connection and refuses new ones; agents answer customers whose messages are already dispatched (window open) through the API meanwhile. Health, liveness and readiness are polled every second; the log is searched for the chatbot context store's fallback." \
  "answers_all,acknowledged_wamids,inbound_events,api_sends_during_outage_accepted,log_chatbot_context_store_unavailable" \
  --rate "$REDIS_RATE" --before "$REDIS_BEFORE" --outage "$REDIS_OUTAGE" --after "$REDIS_AFTER" \
  --sends-during-outage "$REDIS_SENDS" --redis-port "$REDIS_PORT" --bot-hours "$REDIS_BOT_HOURS"
