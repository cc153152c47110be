-- Campaigns: the command-side lookups of campaign dispatch, and the read models of the "campaigns" projection.

-- A campaign as the dispatcher needs it, kept by CampaignLookups in the transaction of the campaign's events.
create table campaign_dispatch (
    campaign_id       varchar(32)  not null primary key,
    status            varchar(16)  not null,
    content_json      text         not null,
    window_from       varchar(16),
    window_to         varchar(16),
    window_zone       varchar(64),
    audience_resolved boolean      not null default false,
    updated_at        timestamp with time zone not null
);
create index campaign_dispatch_status on campaign_dispatch (status);

-- The audience entries of a campaign as given: source 'spec' (create/update) or 'upload' (CSV),
-- kind 'tag', 'contact' or 'phone'. Resolved to recipients when the campaign starts.
create table campaign_audience_entry (
    campaign_id varchar(32)  not null,
    source      varchar(8)   not null,
    seq         integer      not null,
    kind        varchar(8)   not null,
    entry       varchar(128) not null,
    primary key (campaign_id, source, seq)
);

-- Who a started campaign goes to, one row per audience entry, written when the audience is resolved and moved
-- from 'pending' to 'queued' in the same transaction as the recipient's SendMessage command ('excluded' with a
-- reason at resolution, 'skipped' when the contact opted out before its turn). wa_id is set for a phone number
-- that was not a contact yet: it is registered when its turn comes.
create table campaign_recipient (
    campaign_id varchar(32)  not null,
    seq         integer      not null,
    entry       varchar(128) not null,
    contact_id  varchar(64),
    wa_id       varchar(32),
    state       varchar(16)  not null,
    reason      varchar(32),
    message_id  varchar(64),
    queued_at   timestamp with time zone,
    primary key (campaign_id, seq)
);
create index campaign_recipient_state on campaign_recipient (campaign_id, state, seq);

-- Single row used as a lock so that one dispatcher at a time claims recipients.
create table campaign_dispatch_lock (
    name varchar(32) not null primary key
);
insert into campaign_dispatch_lock (name) values ('campaigns');

-- Meta's messaging limit: the last business-initiated (template) message queued to each contact, whoever sent it;
-- the contacts with a message in the last 24 hours are the unique users the limit counts.
create table messaging_limit_recipient (
    contact_id   varchar(64) not null primary key,
    last_sent_at timestamp with time zone not null
);
create index messaging_limit_recipient_sent on messaging_limit_recipient (last_sent_at);

-- Read models of the "campaigns" projection; its reset handler clears them. last_sequence is the campaign's
-- last event applied, so a redelivered event changes nothing.
create table campaign_view (
    campaign_id       varchar(32)  not null primary key,
    name              varchar(256) not null,
    status            varchar(16)  not null,
    template_name     varchar(512),
    language          varchar(32),
    content_json      text,
    tags_json         text,
    contact_ids       integer      not null default 0,
    phone_numbers     integer      not null default 0,
    uploaded_numbers  integer      not null default 0,
    window_json       text,
    created_by        varchar(128),
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    start_at          timestamp with time zone,
    started_at        timestamp with time zone,
    paused_at         timestamp with time zone,
    pause_reason      varchar(64),
    completed_at      timestamp with time zone,
    cancelled_at      timestamp with time zone,
    entries           integer,
    recipients        integer,
    excluded_json     text,
    skipped_opted_out integer      not null default 0,
    waiting_reason    varchar(32),
    waiting_until     timestamp with time zone,
    last_sequence     bigint       not null
);
create index campaign_view_created on campaign_view (created_at);

-- One row per campaign message, from the outbound events of the recipients' conversations.
create table campaign_recipient_view (
    message_id      varchar(64)  not null primary key,
    campaign_id     varchar(32)  not null,
    contact_id      varchar(64)  not null,
    conversation_id varchar(64)  not null,
    wamid           varchar(256),
    status          varchar(16)  not null,
    status_rank     integer      not null,
    error_code      integer,
    error_title     varchar(512),
    queued_at       timestamp with time zone not null,
    accepted_at     timestamp with time zone,
    status_at       timestamp with time zone not null,
    replied_at      timestamp with time zone
);
create index campaign_recipient_view_campaign on campaign_recipient_view (campaign_id, status);
create index campaign_recipient_view_queued on campaign_recipient_view (campaign_id, queued_at);
create index campaign_recipient_view_accepted on campaign_recipient_view (campaign_id, accepted_at);
create index campaign_recipient_view_conversation on campaign_recipient_view (conversation_id);
create index campaign_recipient_view_wamid on campaign_recipient_view (wamid);

-- The excluded audience entries a campaign reported (at most 1,000 per campaign; the counts are complete).
create table campaign_excluded_view (
    campaign_id varchar(32)  not null,
    seq         integer      not null,
    entry       varchar(128) not null,
    reason      varchar(32)  not null,
    primary key (campaign_id, seq)
);
