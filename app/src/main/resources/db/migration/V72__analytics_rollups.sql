-- Daily rollups of the analytics (processing group "analytics"): the analytics endpoints answer a year from these
-- few rows per Nairobi day instead of the per-answer and per-episode rows. Owners (docs/table-owners.md):
-- analytics_period_contacts is AnalyticsStore's (AnalyticsProjection), the others AnalyticsRollupProjection's.
-- Existing histories fill them with a rebuild of the analytics group (docs/analytics.md).

-- Contacts per Nairobi day and per ISO week: active (wrote in the period), new (their first message falls in it).
create table analytics_period_contacts (
    granularity     varchar(8) not null,
    period_start    date       not null,
    active_contacts bigint     not null,
    new_contacts    bigint     not null,
    primary key (granularity, period_start)
);

-- Durations per day (waits for our first answer by the bot or an agent, split by business hours; resolutions) as
-- histograms: "bucket:count:sum" entries (seconds), see DurationHistogram.
create table analytics_daily_duration (
    day_date       date          not null,
    measure        varchar(16)   not null,
    agent_id       varchar(128)  not null,
    business_hours varchar(8)    not null,
    durations      bigint        not null,
    histogram      varchar(100000) not null,
    primary key (day_date, measure, agent_id, business_hours)
);

-- Episodes opened per day and those of them never handed to people.
create table analytics_daily_episodes (
    day_date  date   not null primary key,
    episodes  bigint not null,
    contained bigint not null
);

create table analytics_daily_handoff (
    day_date date        not null,
    reason   varchar(64) not null,
    handoffs bigint      not null,
    primary key (day_date, reason)
);

-- Per agent and day: conversations assigned to them, episodes they resolved.
create table analytics_daily_agent (
    day_date date         not null,
    agent_id varchar(128) not null,
    assigned bigint       not null,
    resolved bigint       not null,
    primary key (day_date, agent_id)
);

-- Conversations each agent holds now.
create table analytics_agent_holding (
    agent_id      varchar(128) not null primary key,
    conversations bigint       not null
);

-- Template messages per day they were queued, template and language, and how far they got.
create table analytics_daily_template (
    day_date      date         not null,
    template_name varchar(512) not null,
    language      varchar(16)  not null,
    queued        bigint       not null,
    accepted      bigint       not null,
    delivered     bigint       not null,
    read_count    bigint       not null,
    failed        bigint       not null,
    primary key (day_date, template_name, language)
);

-- Whether the current episode of a conversation was handed to people already (ConversationTimesProjection), so that
-- it leaves the contained episodes of its day once.
alter table analytics_episode add column handed_off boolean default false not null;
