-- Read models owned by the projections of the query side. Each projection clears its own tables in
-- its reset handler, so a replay rebuilds them from the first event.

create table contact_view (
    contact_id   varchar(64)  not null primary key,
    wa_id        varchar(64),
    user_id      varchar(128),
    profile_name varchar(256),
    opted_out    boolean      not null default false,
    created_at   timestamp with time zone not null
);
create index contact_view_wa_id on contact_view (wa_id);

create table inbox_conversation (
    conversation_id      varchar(64)  not null primary key,
    contact_id           varchar(64)  not null,
    phone_number_id      varchar(64)  not null,
    status               varchar(16)  not null,
    assignee             varchar(128),
    last_message_preview varchar(512),
    last_message_type    varchar(32),
    last_message_at      timestamp with time zone,
    last_activity_at     timestamp with time zone not null,
    last_customer_message_at timestamp with time zone,
    unread_count         integer      not null default 0,
    started_at           timestamp with time zone not null
);
create index inbox_conversation_activity on inbox_conversation (last_activity_at desc);
create index inbox_conversation_contact on inbox_conversation (contact_id);

create table timeline_message (
    message_key      varchar(300) not null primary key,
    conversation_id  varchar(64)  not null,
    direction        varchar(8)   not null,
    wamid            varchar(256),
    type             varchar(32)  not null,
    text             text,
    media_id         varchar(128),
    mime_type        varchar(128),
    filename         varchar(512),
    detail_json      text,
    reply_to_wamid   varchar(256),
    forwarded        boolean      not null default false,
    reaction_target  varchar(256),
    reaction_emoji   varchar(32),
    customer_reaction varchar(32),
    revoked          boolean      not null default false,
    edited_text      text,
    sender           varchar(128) not null,
    sent_at          timestamp with time zone not null,
    event_index      bigint       not null
);
create index timeline_message_conversation on timeline_message (conversation_id, sent_at, event_index);
create index timeline_message_wamid on timeline_message (wamid);

create table message_status (
    wamid           varchar(256) not null primary key,
    conversation_id varchar(64)  not null,
    status          varchar(16)  not null,
    status_at       timestamp with time zone not null,
    error_code      integer,
    error_title     varchar(512),
    error_details   varchar(2000),
    pricing_category varchar(64),
    billable        boolean
);
create index message_status_conversation on message_status (conversation_id);
