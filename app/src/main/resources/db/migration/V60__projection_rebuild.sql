-- Owner: query-side admin (ReadModelRebuild), the bulk rebuild of the read models.
-- Every table's owner is listed in docs/table-owners.md (checked by TableOwnershipTest); this is the one
-- place the migrations point to it, since older migrations are never edited.
--
-- The state of the one rebuild that may run at a time: which processing groups, the schema holding the fresh
-- tables, the event positions it reads (from_position exclusive, head inclusive) and how far it got. Written in the
-- same transaction as the rows of each chunk, so a rebuild interrupted by a crash resumes exactly where its
-- tables stand.
create table projection_rebuild (
    id            varchar(32)  not null primary key,
    groups        varchar(255) not null,
    schema_name   varchar(63)  not null,
    from_position bigint       not null,
    head          bigint       not null,
    position      bigint       not null,
    events        bigint       not null default 0,
    status        varchar(16)  not null,
    started_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
