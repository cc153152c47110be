-- Contacts whose name starts with what was typed (owned by the reads: ContactQueries; the table stays the contact
-- view projection's). The trigram index of V70 answers "contains" as a bitmap: every contact holding the trigrams of
-- "nyambu" is read from it before the first row is taken (one in forty contacts: 25,000 at a million). A B-tree over
-- the folded name in pattern order answers "starts with" as a range, in name order, and stops after the candidates
-- a search ranks; names that merely contain the text are read from the trigram index only when too few start with
-- it. Created CONCURRENTLY (V141__contact_name_prefix_index.sql.conf runs this script outside a transaction): on a
-- running service no write waits for it.
create index concurrently if not exists contact_view_name_prefix
    on contact_view (public.datacare_fold(profile_name) text_pattern_ops);
