-- Durations per overview period (owned by AnalyticsRollupProjection, rebuilt with the read models): for each Nairobi
-- day and ISO week, the series the overview shows (waits for our first answer by anyone, by agents, begun inside and
-- outside business hours or when they were unknown; resolution times) with their count, median and 90th percentile
-- worked out when the rollup is written. The overview of a year reads 365 (or 53) short rows per series instead of
-- merging 365 days of histograms per request; the histogram is kept so that the next event merges into it.
-- Existing histories fill it with a rebuild of the read models (docs/analytics.md).
create table analytics_period_duration (
    granularity    varchar(8)      not null,
    period_start   date            not null,
    series         varchar(16)     not null,
    durations      bigint          not null,
    median_seconds bigint,
    p90_seconds    bigint,
    histogram      varchar(100000) not null,
    primary key (granularity, period_start, series)
);
