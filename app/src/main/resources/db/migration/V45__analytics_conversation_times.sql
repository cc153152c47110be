-- Read models of the analytics projection's conversation times (processing group "analytics", cleared by its
-- reset handler with the other analytics tables). Days are Nairobi calendar days.

-- Per conversation: the last event sequence applied by these tables (an event at or below it is skipped), the
-- current episode (a start or a reopening) and when it opened, since when the customer waits for an answer, and
-- the agent holding it now.
create table analytics_episode (
    conversation_id varchar(64)  not null primary key,
    last_sequence   bigint       not null,
    episode         integer      not null,
    opened_at       timestamp with time zone not null,
    waiting_since   timestamp with time zone,
    assignee        varchar(128)
);

-- Every episode: when it opened, whether it was handed to people, and its resolution.
create table analytics_episode_log (
    conversation_id    varchar(64)  not null,
    episode            integer      not null,
    opened_on          date         not null,
    handed_off         boolean      not null,
    resolved_on        date,
    resolution_seconds bigint,
    resolved_by        varchar(128),
    primary key (conversation_id, episode)
);
create index analytics_episode_log_opened on analytics_episode_log (opened_on);
create index analytics_episode_log_resolved on analytics_episode_log (resolved_on);

-- Our first message to a waiting customer: how long they waited, who answered (bot or agent).
create table analytics_response (
    conversation_id varchar(64)  not null,
    sequence_number bigint       not null,
    responded_on    date         not null,
    waited_from     timestamp with time zone not null,
    wait_seconds    bigint       not null,
    responder       varchar(16)  not null,
    agent_id        varchar(128),
    primary key (conversation_id, sequence_number)
);
create index analytics_response_day on analytics_response (responded_on);

create table analytics_handoff (
    conversation_id varchar(64)  not null,
    sequence_number bigint       not null,
    day_date        date         not null,
    reason          varchar(64)  not null,
    primary key (conversation_id, sequence_number)
);
create index analytics_handoff_day on analytics_handoff (day_date);

create table analytics_assignment (
    conversation_id varchar(64)  not null,
    sequence_number bigint       not null,
    day_date        date         not null,
    agent_id        varchar(128) not null,
    primary key (conversation_id, sequence_number)
);
create index analytics_assignment_day on analytics_assignment (day_date);

-- Template messages by our message id: how far each got (1 sent, 2 delivered, 3 read, 4 played).
create table analytics_template_message (
    message_id    varchar(64)  not null primary key,
    template_name varchar(512) not null,
    language      varchar(16)  not null,
    queued_on     date         not null,
    accepted      boolean      not null,
    progress      integer      not null,
    failed        boolean      not null
);
create index analytics_template_message_day on analytics_template_message (queued_on);
