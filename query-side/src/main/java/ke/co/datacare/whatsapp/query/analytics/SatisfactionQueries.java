package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.FindSatisfactionAnalytics;
import ke.co.datacare.whatsapp.api.query.SatisfactionAnalytics;
import ke.co.datacare.whatsapp.api.query.SatisfactionAnalytics.SatisfactionScore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Answers customer satisfaction from {@link SatisfactionProjection}'s table: one grouped read of the period (surveys
 * and ratings per day, agent, handoff reason and score), tallied here into every breakdown.
 */
@Component
public class SatisfactionQueries {

    static final String NO_HANDOFF = "none";

    private final JdbcTemplate jdbc;

    public SatisfactionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public SatisfactionAnalytics handle(FindSatisfactionAnalytics query) {
        Tally overall = new Tally();
        Map<LocalDate, Tally> days = new TreeMap<>();
        Map<String, Tally> agents = new TreeMap<>();
        Map<String, Tally> reasons = new TreeMap<>();
        jdbc.query("select sent_on, agent_id, handoff_reason, rating, count(*) from analytics_satisfaction "
                + "where sent_on between ? and ? group by sent_on, agent_id, handoff_reason, rating", rs -> {
            LocalDate day = rs.getObject(1, LocalDate.class);
            String agent = rs.getString(2);
            String reason = rs.getString(3) == null ? NO_HANDOFF : rs.getString(3);
            int rating = rs.getInt(4);
            Integer score = rs.wasNull() ? null : rating;
            long count = rs.getLong(5);
            overall.add(score, count);
            days.computeIfAbsent(day, d -> new Tally()).add(score, count);
            if (agent != null) {
                agents.computeIfAbsent(agent, a -> new Tally()).add(score, count);
            }
            reasons.computeIfAbsent(reason, r -> new Tally()).add(score, count);
        }, query.from(), query.to());
        return new SatisfactionAnalytics(query.from(), query.to(), AnalyticsCalendar.ZONE.getId(), overall.score(),
                list(days, (day, tally) -> new SatisfactionAnalytics.DayScore(day, tally.score())),
                list(agents, (agent, tally) -> new SatisfactionAnalytics.AgentScore(agent, tally.score())),
                list(reasons, (reason, tally) -> new SatisfactionAnalytics.HandoffReasonScore(reason, tally.score())));
    }

    private static <K, T> List<T> list(Map<K, Tally> tallies, BiFunction<K, Tally, T> row) {
        return tallies.entrySet().stream().map(entry -> row.apply(entry.getKey(), entry.getValue())).toList();
    }

    /** Surveys, and ratings per score (index 1 to 5). */
    private static final class Tally {
        private long surveys;
        private final long[] ratings = new long[6];

        void add(Integer rating, long count) {
            surveys += count;
            if (rating != null && rating >= 1 && rating <= 5) {
                ratings[rating] += count;
            }
        }

        SatisfactionScore score() {
            long rated = 0;
            long sum = 0;
            Map<String, Long> distribution = new LinkedHashMap<>();
            for (int score = 1; score <= 5; score++) {
                rated += ratings[score];
                sum += score * ratings[score];
                distribution.put(String.valueOf(score), ratings[score]);
            }
            return new SatisfactionScore(surveys, rated, surveys == 0 ? null : round((double) rated / surveys),
                    rated == 0 ? null : round((double) sum / rated),
                    rated == 0 ? null : round(100.0 * (ratings[4] + ratings[5]) / rated), distribution);
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }
}
