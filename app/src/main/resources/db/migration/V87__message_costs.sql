-- What Meta charges: who sent each message and how each was priced (owner: query-side, CostProjection; see
-- docs/table-owners.md). Costs are computed when asked, from the dated rate card in configuration.
create table analytics_message_sender (
    message_id  varchar(64) primary key,
    sender_kind varchar(16) not null,
    campaign_id varchar(64)
);
create table analytics_message_cost (
    wamid        varchar(200) primary key,
    message_id   varchar(64),
    priced_on    date        not null,
    category     varchar(64),
    pricing_type varchar(64),
    market       varchar(8),
    charged      boolean     not null,
    delivered    boolean     not null,
    sender_kind  varchar(16) not null,
    campaign_id  varchar(64)
);
create index analytics_message_cost_priced_on on analytics_message_cost (priced_on);
