-- Canned responses: short texts agents insert in the reply box by typing "/" and their shortcut.
create table canned_response (
    id         varchar(36)   not null primary key,
    shortcut   varchar(40)   not null unique,
    text       varchar(4096) not null,
    created_by varchar(64)   not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
