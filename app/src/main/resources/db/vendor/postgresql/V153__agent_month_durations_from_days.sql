-- Fills analytics_agent_month_duration (V152) from the one-agent daily histograms already written: their entries
-- (bucket:count:sum, in bucket order) are summed per month, agent and bucket, as DurationHistogram merges them.
insert into analytics_agent_month_duration (month_start, agent_id, durations, histogram)
select month_start, agent_id, sum(c), string_agg(b || ':' || c || ':' || s, ',' order by b)
from (select date_trunc('month', d.day_date)::date as month_start, d.agent_id, split_part(e, ':', 1)::bigint as b,
             sum(split_part(e, ':', 2)::bigint) as c, sum(split_part(e, ':', 3)::bigint) as s
      from analytics_daily_duration d, unnest(string_to_array(d.histogram, ',')) e
      where d.measure = 'agent' and d.histogram <> ''
      group by 1, 2, 3) entries
group by month_start, agent_id;
