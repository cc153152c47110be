-- Handoff to agents: when the customer should hear from a person (sla_due_at), snoozes, escalations.
alter table inbox_conversation add column sla_due_at timestamp with time zone;
alter table inbox_conversation add column snoozed_until timestamp with time zone;
alter table inbox_conversation add column status_before_snooze varchar(16);
alter table inbox_conversation add column escalated_at timestamp with time zone;
create index inbox_conversation_assignee on inbox_conversation (assignee, status);

-- The chatbot configuration changed at run time through PUT /api/chatbot/config (one row); without a row the
-- defaults shipped with the service apply.
create table chatbot_config (
    id          smallint     not null primary key,
    config_json text         not null,
    version     bigint       not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(128)
);
