-- Signed outbound webhooks to the business's own systems. Owner: app (integrations package).

create table integration_endpoint (
    id            varchar(64)   primary key,
    url           varchar(2000) not null,
    event_types   varchar(1000) not null,
    secret        varchar(200)  not null,
    enabled       boolean       not null,
    created_by    varchar(64),
    created_at    timestamp with time zone not null,
    failing_since timestamp with time zone,
    disabled_at   timestamp with time zone,
    disabled_reason varchar(500)
);

-- One row per endpoint and event: the delivery log, the retry queue and the dead-letter list.
create table integration_delivery (
    id              bigserial    primary key,
    endpoint_id     varchar(64)  not null,
    event_id        varchar(100) not null,
    event_type      varchar(60)  not null,
    payload         text         not null,
    status          varchar(20)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamp with time zone not null,
    created_at      timestamp with time zone not null,
    delivered_at    timestamp with time zone,
    last_status     integer,
    last_error      varchar(500),
    unique (endpoint_id, event_id)
);
create index integration_delivery_due on integration_delivery (status, next_attempt_at);
create index integration_delivery_endpoint on integration_delivery (endpoint_id, id);
