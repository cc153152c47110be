-- Keyset paging and the inbox filters (owned by the reads: InboxQueries, ContactQueries). Every page is read in
-- (last activity, conversation id) order, newest first, whatever the filter: each index below starts with what a
-- filter fixes and ends with that order, so a page is read from the index in order and stops after its rows.
-- Created CONCURRENTLY (V71__paging_and_filter_indexes.sql.conf runs this script outside a transaction): on a
-- running service with millions of rows no write waits for them.
create index concurrently if not exists inbox_conversation_page
    on inbox_conversation (last_activity_at desc, conversation_id desc);
create index concurrently if not exists inbox_conversation_status_page
    on inbox_conversation (status, last_activity_at desc, conversation_id desc);
create index concurrently if not exists inbox_conversation_assignee_page
    on inbox_conversation (assignee, last_activity_at desc, conversation_id desc);
create index concurrently if not exists inbox_conversation_unassigned_page
    on inbox_conversation (last_activity_at desc, conversation_id desc) where assignee is null;
create index concurrently if not exists inbox_conversation_unread_page
    on inbox_conversation (last_activity_at desc, conversation_id desc) where unread_count > 0;
create index concurrently if not exists inbox_conversation_customer_window
    on inbox_conversation (last_customer_message_at);
create index concurrently if not exists contact_view_page
    on contact_view (created_at desc, contact_id desc);
