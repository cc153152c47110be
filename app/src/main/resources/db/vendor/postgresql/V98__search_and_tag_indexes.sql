-- Reads that stay fast at a million conversations (owned by the reads: InboxQueries, ContactQueries; the tables stay
-- their projections'). Created CONCURRENTLY (V98__search_and_tag_indexes.sql.conf runs this script outside a
-- transaction): on a running service no write waits for them.
--
-- A number searched from its start (+254 7..., 07..., 2547...): a B-tree in pattern order answers LIKE '2547...%' as a
-- range. The trigram index of V70 answered it too, but every Kenyan number holds the trigrams of 2547, so it read
-- every number to find one.
create index concurrently if not exists contact_view_number_prefix on contact_view (wa_id varchar_pattern_ops);
-- The tag filter: the conversations of the tagged contacts, with what the other filters and the order need, read
-- from the index alone; only the page's rows are then read from the table.
create index concurrently if not exists inbox_conversation_contact_filters on inbox_conversation (contact_id)
    include (last_activity_at, conversation_id, status, assignee, unread_count, last_customer_message_at);
