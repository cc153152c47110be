-- Owned by command-side outbound (OutboundDispatcher, OutboundSender).
-- The attempt a queued or retried message waits for, written with its event: the sender claims
-- (attempts = pending_attempt) only right before it calls Meta, so a message whose instance died before the
-- claim is found here (pending_attempt > attempts) and sent by whichever instance looks next.
alter table outbound_message add column pending_attempt integer not null default 0;
alter table outbound_message add column pending_since timestamp with time zone;
update outbound_message set pending_attempt = attempts;
create index outbound_message_waiting on outbound_message (pending_since) where pending_attempt > attempts;
