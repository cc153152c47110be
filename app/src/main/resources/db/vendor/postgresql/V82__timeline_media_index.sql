-- GET /api/media/{id} serves only media of a stored message (owned by the reads: MessageMediaQueries). Created
-- CONCURRENTLY (V82__timeline_media_index.sql.conf runs this script outside a transaction), so no write waits for it.
create index concurrently if not exists timeline_message_media
    on timeline_message (media_id) where media_id is not null;
