-- The "arrived late" filter of the inbox (owned by the reads: InboxFilter): the conversations whose last customer
-- message reached us late, in the inbox's order, so a page is read in order from the index and stops after its rows.
-- Created CONCURRENTLY (V116__arrived_late_index.sql.conf runs this script outside a transaction).
create index concurrently if not exists inbox_conversation_arrived_late_page
    on inbox_conversation (last_activity_at desc, conversation_id desc) where arrived_late_by_seconds is not null;
