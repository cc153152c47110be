-- Satisfaction surveys and their ratings (owner: query-side, SatisfactionProjection; see docs/table-owners.md).
create table analytics_satisfaction (
    survey_message_id varchar(64)  primary key,
    conversation_id   varchar(64)  not null,
    agent_id          varchar(200),
    handoff_reason    varchar(64),
    sent_at           timestamp with time zone not null,
    sent_on           date         not null,
    rating            smallint,
    rated_at          timestamp with time zone
);
create index analytics_satisfaction_sent_on on analytics_satisfaction (sent_on);
