-- The last event of its conversation the inbox projection applied to the row (its aggregate sequence number):
-- a customer or outbound message moves the row (preview, unread count, last activity) only when its event is newer,
-- so a redelivered event changes nothing without the projection asking whether its timeline row existed.
alter table inbox_conversation add column last_sequence bigint not null default -1;
