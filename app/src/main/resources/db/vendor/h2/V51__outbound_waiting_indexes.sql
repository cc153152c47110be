-- Owned by command-side outbound (OutboundSender). H2 has no partial indexes; the embedded database is small.
create index outbound_message_waiting on outbound_message (pending_since);
create index outbound_message_unanswered on outbound_message (claimed_at);
