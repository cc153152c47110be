-- Owned by command-side outbound (OutboundSender): the messages waiting for their attempt, and the attempts
-- claimed but never answered, found without reading the whole table.
create index outbound_message_waiting on outbound_message (pending_since) where pending_attempt > attempts;
create index outbound_message_unanswered on outbound_message (claimed_at) where answered_at is null and wamid is null;
