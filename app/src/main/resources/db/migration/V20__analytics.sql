-- Read models of the analytics projection (processing group "analytics"). Its reset handler clears
-- every table here, so a replay rebuilds them from the first event. Days are Nairobi calendar days.

-- Per conversation: its contact, the last event sequence applied (events at or below it are skipped,
-- so a redelivered event never counts twice) and since when the customer waits for our first reply
-- (the start of the first response time, once our outbound messages are events).
create table analytics_conversation (
    conversation_id      varchar(64) not null primary key,
    contact_id           varchar(64) not null,
    last_sequence        bigint      not null,
    awaiting_reply_since timestamp with time zone
);

-- The day of each contact's first message; a contact is new in the period containing that day.
create table analytics_contact (
    contact_id       varchar(64) not null primary key,
    first_message_on date        not null
);

-- Which contacts wrote in which period ('day' or 'week', by the period's first day).
create table analytics_contact_activity (
    granularity  varchar(8)  not null,
    period_start date        not null,
    contact_id   varchar(64) not null,
    primary key (granularity, period_start, contact_id)
);

create table analytics_inbound_daily (
    day_date     date        not null,
    message_type varchar(64) not null,
    messages     bigint      not null,
    primary key (day_date, message_type)
);

-- How far each outbound message got (1 sent, 2 delivered, 3 read, 4 played), counted on the day of
-- its first status report.
create table analytics_outbound_message (
    wamid      varchar(256) not null primary key,
    counted_on date         not null,
    progress   integer      not null,
    failed     boolean      not null
);

create table analytics_outbound_daily (
    day_date   date   not null primary key,
    messages   bigint not null,
    sent       bigint not null,
    delivered  bigint not null,
    read_count bigint not null,
    failed     bigint not null
);

create table analytics_error_daily (
    day_date    date    not null,
    error_code  integer not null,
    error_title varchar(512),
    failures    bigint  not null,
    primary key (day_date, error_code)
);
