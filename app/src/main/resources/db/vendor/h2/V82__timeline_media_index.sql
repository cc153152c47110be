-- GET /api/media/{id} serves only media of a stored message (owned by the reads: MessageMediaQueries); PostgreSQL
-- has its own V82, a partial index built concurrently.
create index timeline_message_media on timeline_message (media_id);
