-- Owned by command-side outbound (OutboundDispatcher, OutboundSender).
-- The attempt a queued or retried message waits for, written with its event: the sender claims
-- (attempts = pending_attempt) only right before it calls Meta, so a message whose instance died before the
-- claim is found here (pending_attempt > attempts) and sent by whichever instance looks next.
alter table outbound_message add column pending_attempt integer not null default 0;
alter table outbound_message add column pending_since timestamp with time zone;
update outbound_message set pending_attempt = attempts;
-- When the attempt was claimed (right before the call) and when its answer was recorded: a claim without an answer
-- long after the request timeout belongs to an instance that died between the call and the record; that attempt is
-- made again (at least once: Meta may have had it).
alter table outbound_message add column claimed_at timestamp with time zone;
alter table outbound_message add column answered_at timestamp with time zone;
-- Their indexes are V51, one per database: partial on PostgreSQL, plain on the embedded H2.
