-- Inbound media kept after Meta forgets them (owner: command-side/.../command/media; see docs/table-owners.md).
-- media_archive: one row per media id, pending until kept; media_blob: the bytes, once per SHA-256 (the default
-- store; datacare.media.archive.store=directory keeps them as files instead).
create table media_archive (
    media_id        varchar(128) primary key,
    mime_type       varchar(255),
    state           varchar(16)  not null,
    attempts        integer      not null,
    queued_at       timestamp with time zone not null,
    next_attempt_at timestamp with time zone not null,
    claimed_until   timestamp with time zone,
    sha256          varchar(64),
    size            bigint,
    stored_at       timestamp with time zone,
    last_error      varchar(1000)
);
create index media_archive_due on media_archive (state, next_attempt_at);

create table media_blob (
    sha256 varchar(64) primary key,
    size   bigint      not null,
    bytes  bytea       not null
);
