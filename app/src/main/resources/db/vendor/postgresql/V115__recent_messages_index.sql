-- Search by a common word, newest first (owned by the reads: InboxSearch; the table stays the timeline projection's).
-- The full-text index of V70 hands out every message holding a word before the first can be taken: a word in 4 % of
-- ten million messages is 400,000 entries read for one page. The newest messages are walked instead, from this index,
-- a bounded number of them, and their words checked; the full-text index answers only the words that walk finds
-- rarely. Created CONCURRENTLY (V115__recent_messages_index.sql.conf runs this script outside a transaction): on a
-- running service no write waits for it.
create index concurrently if not exists timeline_message_recent on timeline_message (sent_at desc, event_index desc);
