package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AgentAnalytics;
import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.BusinessHoursCheck;
import ke.co.datacare.whatsapp.api.query.CheckBusinessHours;
import ke.co.datacare.whatsapp.api.query.FindAgentAnalytics;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import ke.co.datacare.whatsapp.api.query.FindTemplateAnalytics;
import ke.co.datacare.whatsapp.api.query.TemplateAnalytics;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Answers the analytics overview from the tables of {@link AnalyticsProjection}, never from the event store. */
@Component
public class AnalyticsQueries {

    private final JdbcTemplate jdbc;
    private final Function<List<Instant>, List<Boolean>> businessHours;

    /** Without business hours: the figures split by them are left out. */
    public AnalyticsQueries(JdbcTemplate jdbc) {
        this(jdbc, instants -> null);
    }

    /** Business hours as the chatbot module has them configured now ({@link CheckBusinessHours}). */
    @Autowired
    public AnalyticsQueries(JdbcTemplate jdbc, QueryGateway queries) {
        this(jdbc, instants -> instants.isEmpty() ? List.of() : queries.query(new CheckBusinessHours(instants),
                BusinessHoursCheck.class).exceptionally(failure -> null).thenApply(check -> check == null ? null
                : check.open()).join());
    }

    /** With business hours given as a function: for each instant, in order, whether the business was open. */
    public AnalyticsQueries(JdbcTemplate jdbc, Function<List<Instant>, List<Boolean>> businessHours) {
        this.jdbc = jdbc;
        this.businessHours = businessHours;
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
        conversationTimes(periods, granularity, first, last);
        return new AnalyticsOverview(query.from(), query.to(), granularity.name().toLowerCase(Locale.ROOT),
                AnalyticsCalendar.ZONE.getId(), periods.values().stream().map(PeriodTally::toPeriod).toList());
    }

    private void conversationTimes(Map<LocalDate, PeriodTally> periods, Granularity granularity, LocalDate first,
                                   LocalDate last) {
        record Response(LocalDate day, long seconds, boolean byAgent, Instant waitedFrom) {
        }
        List<Response> responses = jdbc.query("select responded_on, wait_seconds, responder, waited_from "
                        + "from analytics_response where responded_on between ? and ? order by responded_on",
                (rs, i) -> new Response(rs.getObject(1, LocalDate.class), rs.getLong(2), "agent".equals(rs.getString(3)),
                        rs.getTimestamp(4).toInstant()), first, last);
        List<Boolean> open = businessHours.apply(responses.stream().map(Response::waitedFrom).toList());
        for (int i = 0; i < responses.size(); i++) {
            Response response = responses.get(i);
            tally(periods, response.day(), granularity).response(response.seconds(), response.byAgent(),
                    open == null ? null : open.get(i));
        }
        jdbc.query("select resolved_on, resolution_seconds from analytics_episode_log where resolved_on between ? and ?",
                rs -> {
                    tally(periods, rs.getObject(1, LocalDate.class), granularity).resolution(rs.getLong(2));
                }, first, last);
        jdbc.query("select opened_on, count(*), sum(case when handed_off then 0 else 1 end) from analytics_episode_log "
                + "where opened_on between ? and ? group by opened_on", rs -> {
            tally(periods, rs.getObject(1, LocalDate.class), granularity).episodes(rs.getLong(2), rs.getLong(3));
        }, first, last);
        jdbc.query("select day_date, reason, count(*) from analytics_handoff where day_date between ? and ? "
                + "group by day_date, reason", rs -> {
            tally(periods, rs.getObject(1, LocalDate.class), granularity).handoffs(rs.getString(2), rs.getLong(3));
        }, first, last);
    }

    @QueryHandler
    public AgentAnalytics handle(FindAgentAnalytics query) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, List<Long>> waits = new TreeMap<>();
        jdbc.query("select agent_id, count(*) from analytics_assignment where day_date between ? and ? group by agent_id",
                rs -> {
                    counts.computeIfAbsent(rs.getString(1), agent -> new long[3])[0] = rs.getLong(2);
                }, query.from(), query.to());
        jdbc.query("select resolved_by, count(*) from analytics_episode_log where resolved_on between ? and ? "
                + "and resolved_by is not null group by resolved_by", rs -> {
            counts.computeIfAbsent(rs.getString(1), agent -> new long[3])[1] = rs.getLong(2);
        }, query.from(), query.to());
        jdbc.query("select assignee, count(*) from analytics_episode where assignee is not null group by assignee", rs -> {
            counts.computeIfAbsent(rs.getString(1), agent -> new long[3])[2] = rs.getLong(2);
        });
        jdbc.query("select agent_id, wait_seconds from analytics_response where responder = 'agent' "
                + "and responded_on between ? and ?", rs -> {
            waits.computeIfAbsent(rs.getString(1), agent -> new ArrayList<>()).add(rs.getLong(2));
            counts.computeIfAbsent(rs.getString(1), agent -> new long[3]);
        }, query.from(), query.to());
        List<AgentAnalytics.Agent> agents = counts.entrySet().stream()
                .map(entry -> new AgentAnalytics.Agent(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
                        PeriodTally.durations(waits.getOrDefault(entry.getKey(), List.of())), entry.getValue()[2]))
                .toList();
        return new AgentAnalytics(query.from(), query.to(), AnalyticsCalendar.ZONE.getId(), agents);
    }

    @QueryHandler
    public TemplateAnalytics handle(FindTemplateAnalytics query) {
        List<TemplateAnalytics.Template> templates = jdbc.query("select template_name, language, count(*) as queued, "
                        + "sum(case when accepted then 1 else 0 end) as accepted, "
                        + "sum(case when progress >= 2 then 1 else 0 end) as delivered, "
                        + "sum(case when progress >= 3 then 1 else 0 end) as read_count, "
                        + "sum(case when failed then 1 else 0 end) as failed "
                        + "from analytics_template_message where queued_on between ? and ? "
                        + "group by template_name, language order by count(*) desc, template_name, language",
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

    private static PeriodTally tally(Map<LocalDate, PeriodTally> periods, LocalDate day, Granularity granularity) {
        return periods.get(AnalyticsCalendar.periodOf(day, granularity));
    }
}
