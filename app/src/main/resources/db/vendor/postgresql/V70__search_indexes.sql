-- Search of the inbox and the contacts through PostgreSQL's own tools (owned by the reads: InboxQueries,
-- ContactQueries; the tables stay the inbox projection's). Only on PostgreSQL (db/vendor/postgresql): the embedded
-- H2 mode searches by plain matching over its small data.
--
-- Names and numbers: trigram GIN indexes answer "contains" and "starts with" (LIKE '%x%', LIKE 'x%') on the name
-- in lower case without accents, the number as digits and the user id. Message texts: a full-text GIN index over
-- the words of each text (the 'simple' configuration: no stemming, so English and Swahili words alike; accents
-- ignored through unaccent). Indexes built CONCURRENTLY outside a transaction (V70__search_indexes.sql.conf): on a
-- running service with millions of messages, writes go on while they build.
create extension if not exists pg_trgm with schema public;
create extension if not exists unaccent with schema public;

-- unaccent() is only STABLE (its dictionary could change); a wrapper naming the dictionary is IMMUTABLE and may
-- appear in an index expression.
create or replace function public.datacare_fold(value text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

create or replace function public.datacare_words(value text) returns tsvector
    language sql immutable parallel safe
    as $$ select to_tsvector('simple'::regconfig, coalesce(public.datacare_fold(value), '')) $$;

create index concurrently if not exists contact_view_name_search on contact_view using gin (public.datacare_fold(profile_name) gin_trgm_ops);
create index concurrently if not exists contact_view_number_search on contact_view using gin (wa_id gin_trgm_ops);
create index concurrently if not exists contact_view_user_search on contact_view using gin (lower(user_id) gin_trgm_ops);
create index concurrently if not exists timeline_message_words on timeline_message using gin (public.datacare_words(text));
