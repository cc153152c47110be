-- Messages that reach us late (Meta redelivering after an outage): when each customer message was recorded, beside
-- Meta's timestamp (sent_at), and by how much the latest customer message of a conversation arrived late (seconds,
-- null when on time), for the inbox's "arrived late" filter. Owners as in docs/table-owners.md.
alter table timeline_message add column received_at timestamp with time zone;
alter table inbox_conversation add column arrived_late_by_seconds bigint;
