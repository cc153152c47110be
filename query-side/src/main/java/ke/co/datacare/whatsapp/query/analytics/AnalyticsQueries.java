package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AgentAnalytics;
import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAgentAnalytics;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import ke.co.datacare.whatsapp.api.query.FindTemplateAnalytics;
import ke.co.datacare.whatsapp.api.query.TemplateAnalytics;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers the analytics endpoints from the daily rows of {@link AnalyticsProjection} and the rollups of
 * {@link AnalyticsRollupProjection} (the overview's durations per day or week, their figures worked out when
 * written: {@link PeriodDurations}): a few rows per day of the range, never the event store, the timeline or a row per
 * message or answer.
 */
@Component
public class AnalyticsQueries {

    private final JdbcTemplate jdbc;

    public AnalyticsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public AnalyticsOverview handle(FindAnalyticsOverview query) {
        Granularity granularity = query.granularity();
        Map<LocalDate, PeriodTally> periods = new LinkedHashMap<>();
        for (LocalDate start : AnalyticsCalendar.periodStarts(query.from(), query.to(), granularity)) {
            periods.put(start, new PeriodTally(start, AnalyticsCalendar.lastDayOf(start, granularity)));
        }
        List<LocalDate> starts = List.copyOf(periods.keySet());
        LocalDate first = starts.get(0);
        LocalDate last = AnalyticsCalendar.lastDayOf(starts.get(starts.size() - 1), granularity);
        PeriodsByDay days = new PeriodsByDay(periods, granularity, first, last);
        // columns by position: a year of daily rows looked each column's name up again in every row
        jdbc.query("select day_date, message_type, messages from analytics_inbound_daily "
                        + "where day_date between ? and ?",
                rs -> {
                    days.of(rs.getObject(1, LocalDate.class)).inbound(rs.getString(2), rs.getLong(3));
                }, first, last);
        jdbc.query("select day_date, messages, sent, delivered, read_count, failed from analytics_outbound_daily "
                + "where day_date between ? and ?", rs -> {
            days.of(rs.getObject(1, LocalDate.class)).outbound(rs.getLong(2), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6));
        }, first, last);
        jdbc.query("select day_date, error_code, error_title, failures from analytics_error_daily "
                + "where day_date between ? and ?", rs -> {
            days.of(rs.getObject(1, LocalDate.class)).error(rs.getInt(2), rs.getString(3),
                    rs.getLong(4));
        }, first, last);
        jdbc.query("select period_start, active_contacts, new_contacts from analytics_period_contacts "
                + "where granularity = ? and period_start between ? and ?", rs -> {
            periods.get(rs.getObject(1, LocalDate.class)).contacts(rs.getLong(2), rs.getLong(3));
        }, granularity.name().toLowerCase(Locale.ROOT), first, last);
        conversationTimes(periods, days, granularity, first, last);
        return new AnalyticsOverview(query.from(), query.to(), granularity.name().toLowerCase(Locale.ROOT),
                AnalyticsCalendar.ZONE.getId(), periods.values().stream().map(PeriodTally::toPeriod).toList());
    }

    private void conversationTimes(Map<LocalDate, PeriodTally> periods, PeriodsByDay days, Granularity granularity,
                                   LocalDate first, LocalDate last) {
        jdbc.query("select period_start, series, durations, median_seconds, p90_seconds from "
                + PeriodDurations.TABLE + " where granularity = ? and period_start between ? and ?", rs -> {
            periods.get(rs.getObject(1, LocalDate.class)).durations(rs.getString(2), new AnalyticsOverview.Durations(
                    rs.getLong(3), (Long) rs.getObject(4, Long.class), (Long) rs.getObject(5, Long.class)));
        }, PeriodDurations.granularity(granularity), first, last);
        jdbc.query("select day_date, episodes, contained from analytics_daily_episodes where day_date between ? and ?",
                rs -> {
                    days.of(rs.getObject(1, LocalDate.class)).episodes(rs.getLong(2), rs.getLong(3));
                }, first, last);
        jdbc.query("select day_date, reason, handoffs from analytics_daily_handoff where day_date between ? and ?",
                rs -> {
                    days.of(rs.getObject(1, LocalDate.class)).handoffs(rs.getString(2), rs.getLong(3));
                }, first, last);
    }

    @QueryHandler
    public AgentAnalytics handle(FindAgentAnalytics query) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, DurationHistogram> waits = new TreeMap<>();
        jdbc.query("select agent_id, sum(assigned), sum(resolved) from analytics_daily_agent "
                + "where day_date between ? and ? group by agent_id", rs -> {
            long[] agent = counts.computeIfAbsent(rs.getString(1), id -> new long[3]);
            agent[0] = rs.getLong(2);
            agent[1] = rs.getLong(3);
        }, query.from(), query.to());
        jdbc.query("select agent_id, conversations from analytics_agent_holding where conversations > 0", rs -> {
            counts.computeIfAbsent(rs.getString(1), agent -> new long[3])[2] = rs.getLong(2);
        });
        AgentMonthDurations.read(jdbc, query.from(), query.to(), (agent, histogram) -> {
            waits.computeIfAbsent(agent, id -> new DurationHistogram()).addEncoded(histogram);
            counts.computeIfAbsent(agent, id -> new long[3]);
        });
        List<AgentAnalytics.Agent> agents = counts.entrySet().stream()
                .map(entry -> new AgentAnalytics.Agent(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
                        waits.getOrDefault(entry.getKey(), new DurationHistogram()).durations(), entry.getValue()[2]))
                .toList();
        return new AgentAnalytics(query.from(), query.to(), AnalyticsCalendar.ZONE.getId(), agents);
    }

    @QueryHandler
    public TemplateAnalytics handle(FindTemplateAnalytics query) {
        List<TemplateAnalytics.Template> templates = jdbc.query("select template_name, language, "
                        + "sum(queued) as queued, sum(accepted) as accepted, sum(delivered) as delivered, "
                        + "sum(read_count) as read_count, sum(failed) as failed from analytics_daily_template "
                        + "where day_date between ? and ? group by template_name, language "
                        + "order by sum(queued) desc, template_name, language",
                (rs, i) -> {
                    long accepted = rs.getLong("accepted");
                    return new TemplateAnalytics.Template(rs.getString("template_name"), rs.getString("language"),
                            rs.getLong("queued"), accepted, rs.getLong("delivered"), rs.getLong("read_count"),
                            rs.getLong("failed"), PeriodTally.rate(rs.getLong("delivered"), accepted),
                            PeriodTally.rate(rs.getLong("read_count"), accepted),
                            PeriodTally.rate(rs.getLong("failed"), accepted));
                }, query.from(), query.to());
        return new TemplateAnalytics(query.from(), query.to(), AnalyticsCalendar.ZONE.getId(), templates);
    }

    /** The period of each day from the first to the last, found by the day's distance from the first. */
    private static final class PeriodsByDay {

        private final long firstDay;
        private final PeriodTally[] periods;

        PeriodsByDay(Map<LocalDate, PeriodTally> periods, Granularity granularity, LocalDate first, LocalDate last) {
            this.firstDay = first.toEpochDay();
            this.periods = new PeriodTally[Math.toIntExact(last.toEpochDay() - firstDay + 1)];
            for (int day = 0; day < this.periods.length; day++) {
                this.periods[day] = periods.get(AnalyticsCalendar.periodOf(first.plusDays(day), granularity));
            }
        }

        PeriodTally of(LocalDate day) {
            return periods[Math.toIntExact(day.toEpochDay() - firstDay)];
        }
    }
}
