package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Each agent's waits for a first answer per Nairobi calendar month ({@code analytics_agent_month_duration}), summed from
 * the same durations as the daily rollup's one-agent rows. A range reads the months it covers whole from here and only
 * its partial months at either end day by day: a year per agent is about a dozen month rows and a month of days,
 * not 365 daily histograms merged on every request.
 */
final class AgentMonthDurations {

    static final String TABLE = "analytics_agent_month_duration";

    private AgentMonthDurations() {
    }

    /**
     * Adds the one-agent durations of a batch, keyed {@code (day, measure, agent, business hours)} as in
     * {@code analytics_daily_duration}, to their agents' months: each row touched is read once, merged and written back.
     */
    static void add(JdbcTemplate jdbc, Map<List<Object>, DurationHistogram> daily) {
        Map<List<Object>, DurationHistogram> added = new LinkedHashMap<>();
        daily.forEach((key, durations) -> {
            if (AnalyticsRollupProjection.ONE_AGENT.equals(key.get(1))) {
                added.computeIfAbsent(List.of(monthOf((LocalDate) key.get(0)), key.get(2)),
                        ignored -> new DurationHistogram()).addAll(durations);
            }
        });
        if (added.isEmpty()) {
            return;
        }
        Map<List<Object>, DurationHistogram> stored = new LinkedHashMap<>();
        List<LocalDate> months = added.keySet().stream().map(key -> (LocalDate) key.get(0)).distinct().toList();
        for (int from = 0; from < months.size(); from += 500) {
            List<LocalDate> chunk = months.subList(from, Math.min(months.size(), from + 500));
            jdbc.query("select month_start, agent_id, histogram from " + TABLE + " where month_start in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", rs -> {
                stored.put(List.of(rs.getObject(1, LocalDate.class), rs.getString(2)),
                        DurationHistogram.decode(rs.getString(3)));
            }, chunk.toArray());
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        added.forEach((key, durations) -> {
            DurationHistogram known = stored.get(key);
            if (known == null) {
                inserts.add(new Object[]{key.get(0), key.get(1), durations.count(), durations.encode()});
            } else {
                known.addAll(durations);
                updates.add(new Object[]{known.count(), known.encode(), key.get(0), key.get(1)});
            }
        });
        BatchWrites.executeAll(jdbc, "insert into " + TABLE + " (month_start, agent_id, durations, histogram) "
                + "values (?, ?, ?, ?)", inserts);
        BatchWrites.executeAll(jdbc, "update " + TABLE + " set durations = ?, histogram = ? where month_start = ? "
                + "and agent_id = ?", updates);
    }

    /**
     * Every agent's encoded waits between {@code from} and {@code to} (both included), handed to {@code each} as
     * (agent, histogram): whole months from their month rows, the days of a partial month at either end from the daily
     * rollup.
     */
    static void read(JdbcTemplate jdbc, LocalDate from, LocalDate to, BiConsumer<String, String> each) {
        LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : monthOf(from).plusMonths(1);
        LocalDate lastWhole = monthOf(to.plusDays(1)).minusMonths(1);
        if (lastWhole.isBefore(firstWhole)) {
            days(jdbc, from, to, each);
            return;
        }
        days(jdbc, from, firstWhole.minusDays(1), each);
        jdbc.query("select agent_id, histogram from " + TABLE + " where month_start between ? and ?",
                rs -> {
                    each.accept(rs.getString(1), rs.getString(2));
                }, firstWhole, lastWhole);
        days(jdbc, lastWhole.plusMonths(1), to, each);
    }

    private static void days(JdbcTemplate jdbc, LocalDate from, LocalDate to, BiConsumer<String, String> each) {
        if (to.isBefore(from)) {
            return;
        }
        jdbc.query("select agent_id, histogram from analytics_daily_duration where measure = ? and day_date between ? "
                + "and ?", rs -> {
            each.accept(rs.getString(1), rs.getString(2));
        }, AnalyticsRollupProjection.ONE_AGENT, from, to);
    }

    static LocalDate monthOf(LocalDate day) {
        return day.with(TemporalAdjusters.firstDayOfMonth());
    }
}
