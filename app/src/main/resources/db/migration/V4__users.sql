-- Users of the REST API (agents, admins, analysts). Passwords are bcrypt hashes.
create table app_user (
    id            varchar(64)  not null primary key,
    email         varchar(320) not null unique,
    password_hash varchar(100) not null,
    display_name  varchar(200) not null,
    role          varchar(16)  not null,
    enabled       boolean      not null default true,
    available     boolean      not null default false,
    created_at    timestamp with time zone not null
);
