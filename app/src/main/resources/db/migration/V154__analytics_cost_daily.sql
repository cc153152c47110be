-- What Meta charges, counted per day (owner: query-side, CostProjection; see docs/table-owners.md): the rows of
-- analytics_message_cost counted per Nairobi day, category, market, sender and campaign, kept by the projection in
-- the unit of work that writes them, so a year of costs reads a few rows per day instead of a row per message.
-- '' stands for "none" in the key columns (a primary key cannot hold nulls).
create table analytics_cost_daily (
    priced_on   date        not null,
    category    varchar(64) not null,
    market      varchar(8)  not null,
    sender_kind varchar(16) not null,
    campaign_id varchar(64) not null,
    messages    bigint      not null,
    delivered   bigint      not null,
    charged     bigint      not null,
    primary key (priced_on, category, market, sender_kind, campaign_id)
);
insert into analytics_cost_daily (priced_on, category, market, sender_kind, campaign_id, messages, delivered, charged)
select priced_on, coalesce(category, ''), coalesce(market, ''), sender_kind, coalesce(campaign_id, ''), count(*),
       sum(case when delivered then 1 else 0 end), sum(case when delivered and charged then 1 else 0 end)
from analytics_message_cost
group by priced_on, coalesce(category, ''), coalesce(market, ''), sender_kind, coalesce(campaign_id, '');
