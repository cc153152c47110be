-- Email notifications. Owner: app (notifications package).

-- Emails waiting to go out, one row per recipient and cause; dedup_key makes a redelivered event enqueue nothing.
create table notification_outbox (
    id              bigserial    primary key,
    dedup_key       varchar(200) not null unique,
    kind            varchar(40)  not null,
    recipient       varchar(320) not null,
    subject         varchar(200) not null,
    body            text         not null,
    created_at      timestamp with time zone not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamp with time zone not null,
    sent_at         timestamp with time zone,
    gave_up_at      timestamp with time zone,
    last_error      varchar(500)
);
create index notification_outbox_due on notification_outbox (sent_at, next_attempt_at);

-- What each user wants to be told; no row means everything.
create table notification_preference (
    user_id           varchar(64) primary key,
    escalations       boolean not null,
    sla_breaches      boolean not null,
    waiting_customers boolean not null,
    campaigns         boolean not null,
    daily_digest      boolean not null
);

-- Who created each campaign and its name, for the campaign notifications.
create table notification_campaign (
    campaign_id varchar(64)  primary key,
    name        varchar(200) not null,
    created_by  varchar(64)
);
