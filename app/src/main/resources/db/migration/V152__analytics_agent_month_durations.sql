-- Each agent's waits for a first answer per Nairobi calendar month (owned by AnalyticsRollupProjection, fed by
-- ConversationTimesProjection like analytics_daily_duration's one-agent rows, rebuilt with the read models): agents
-- analytics over a year merge about a dozen month histograms per agent and the days of the partial months at either
-- end, not 365 daily ones. V153 fills it from the daily rows on PostgreSQL; an embedded H2 database fills it with a
-- rebuild of the read models (docs/analytics.md).
create table analytics_agent_month_duration (
    month_start date            not null,
    agent_id    varchar(128)    not null,
    durations   bigint          not null,
    histogram   varchar(100000) not null,
    primary key (month_start, agent_id)
);
