package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Answers the analytics overview from the tables of {@link AnalyticsProjection}, never from the event store. */
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
        jdbc.query("select day_date, message_type, messages from analytics_inbound_daily where day_date between ? and ?",
                rs -> {
                    tally(periods, rs.getObject("day_date", LocalDate.class), granularity)
                            .inbound(rs.getString("message_type"), rs.getLong("messages"));
                }, first, last);
        jdbc.query("select * from analytics_outbound_daily where day_date between ? and ?", rs -> {
            tally(periods, rs.getObject("day_date", LocalDate.class), granularity).outbound(rs.getLong("messages"),
                    rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("read_count"), rs.getLong("failed"));
        }, first, last);
        jdbc.query("select * from analytics_error_daily where day_date between ? and ?", rs -> {
            tally(periods, rs.getObject("day_date", LocalDate.class), granularity).error(rs.getInt("error_code"),
                    rs.getString("error_title"), rs.getLong("failures"));
        }, first, last);
        jdbc.query("select a.period_start, count(*) as active, sum(case when c.first_message_on >= a.period_start "
                + "then 1 else 0 end) as new_contacts from analytics_contact_activity a join analytics_contact c "
                + "on c.contact_id = a.contact_id where a.granularity = ? and a.period_start between ? and ? "
                + "group by a.period_start", rs -> {
            periods.get(rs.getObject("period_start", LocalDate.class)).contacts(rs.getLong("active"),
                    rs.getLong("new_contacts"));
        }, granularity.name().toLowerCase(Locale.ROOT), first, last);
        return new AnalyticsOverview(query.from(), query.to(), granularity.name().toLowerCase(Locale.ROOT),
                AnalyticsCalendar.ZONE.getId(), periods.values().stream().map(PeriodTally::toPeriod).toList());
    }

    private static PeriodTally tally(Map<LocalDate, PeriodTally> periods, LocalDate day, Granularity granularity) {
        return periods.get(AnalyticsCalendar.periodOf(day, granularity));
    }
}
