-- Keyset paging of the inbox and the contacts on the embedded H2 database (PostgreSQL has its own V70 and V71,
-- with the search indexes and partial indexes H2 does not have).
create index inbox_conversation_page on inbox_conversation (last_activity_at desc, conversation_id desc);
create index inbox_conversation_status_page on inbox_conversation (status, last_activity_at desc, conversation_id desc);
create index inbox_conversation_assignee_page on inbox_conversation (assignee, last_activity_at desc, conversation_id desc);
create index inbox_conversation_customer_window on inbox_conversation (last_customer_message_at);
create index contact_view_page on contact_view (created_at desc, contact_id desc);
