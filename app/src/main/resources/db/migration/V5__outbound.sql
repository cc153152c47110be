-- Command-side lookups of the outbound path, kept by the dispatcher and by synchronous handlers.

-- What the dispatcher needs to (re)send a message, and what Meta answered.
create table outbound_message (
    message_id      varchar(64)  not null primary key,
    conversation_id varchar(64)  not null,
    contact_id      varchar(64)  not null,
    phone_number_id varchar(64)  not null,
    content_json    text         not null,
    reply_to_wamid  varchar(256),
    sent_by         varchar(128) not null,
    wamid           varchar(256),
    attempts        integer      not null default 0,
    queued_at       timestamp with time zone not null
);
create index outbound_message_wamid on outbound_message (wamid);

-- Marketing consent per contact, updated in the same transaction as the contact's events.
create table contact_consent (
    contact_id varchar(64) not null primary key,
    opted_out  boolean     not null
);

-- Message templates as Meta knows them: synced from the Graph API and from template webhooks.
create table message_template (
    name                 varchar(512) not null,
    language             varchar(32)  not null,
    template_id          varchar(64),
    status               varchar(32)  not null,
    category             varchar(32),
    components_json      text,
    body_parameter_count integer      not null default 0,
    updated_at           timestamp with time zone not null,
    primary key (name, language)
);

-- Which contact and business number a conversation belongs to (its id is derived from both).
create table conversation_directory (
    conversation_id varchar(64) not null primary key,
    contact_id      varchar(64) not null,
    phone_number_id varchar(64) not null
);
