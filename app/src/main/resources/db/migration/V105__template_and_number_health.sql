-- Template and number health as Meta reports it (owners: command-side, TemplateCatalog for message_template and
-- NumberHealth for number_health; see docs/table-owners.md).
alter table message_template add column quality varchar(16);
alter table message_template add column announced_category varchar(32);
alter table message_template add column announced_category_at timestamp with time zone;

-- one row per business account (the portfolio's messaging limit) and one per display number (its last event)
create table number_health (
    scope           varchar(16)  not null,
    id              varchar(64)  not null,
    last_event      varchar(64),
    messaging_limit bigint,
    max_numbers     integer,
    reported_at     timestamp with time zone not null,
    primary key (scope, id)
);
