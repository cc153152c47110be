package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The duration series of the overview per Nairobi day and ISO week ({@code analytics_period_duration}), summed from the
 * same durations as the daily rollup and with their count, median and 90th percentile worked out as they are written:
 * a period's figures are then read, not merged from its days' histograms on every request.
 */
final class PeriodDurations {

    static final String TABLE = "analytics_period_duration";
    /** Waits for our first answer, by the bot or agents. */
    static final String RESPONSES = "responses";
    static final String AGENT_RESPONSES = "agent_responses";
    static final String IN_HOURS = "in_hours";
    static final String OUTSIDE_HOURS = "outside_hours";
    /** Waits that began when the business hours could not be told: their count says the split is unknown. */
    static final String UNKNOWN_HOURS = "unknown_hours";
    static final String RESOLUTIONS = "resolutions";

    private PeriodDurations() {
    }

    /** The series that durations of a daily rollup's measure and business hours count in (none for one agent's). */
    static List<String> seriesOf(String measure, String hours) {
        if (AnalyticsRollupProjection.RESOLUTION.equals(measure)) {
            return List.of(RESOLUTIONS);
        }
        if (!AnalyticsRollupProjection.BOT.equals(measure) && !AnalyticsRollupProjection.AGENTS.equals(measure)) {
            return List.of();
        }
        List<String> series = new ArrayList<>(List.of(RESPONSES));
        if (AnalyticsRollupProjection.AGENTS.equals(measure)) {
            series.add(AGENT_RESPONSES);
        }
        series.add(AnalyticsRollupProjection.IN_HOURS.equals(hours) ? IN_HOURS
                : AnalyticsRollupProjection.OUTSIDE_HOURS.equals(hours) ? OUTSIDE_HOURS : UNKNOWN_HOURS);
        return series;
    }

    static String granularity(Granularity granularity) {
        return granularity.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Adds a batch's durations, keyed {@code (day, measure, agent, business hours)} as in
     * {@code analytics_daily_duration}, to the rows of their days and weeks: each row touched is read once, merged and
     * written back with its new figures.
     */
    static void add(JdbcTemplate jdbc, Map<List<Object>, DurationHistogram> daily) {
        Map<List<Object>, DurationHistogram> added = new LinkedHashMap<>();
        daily.forEach((key, durations) -> {
            LocalDate day = (LocalDate) key.get(0);
            for (String series : seriesOf((String) key.get(1), (String) key.get(3))) {
                for (Granularity granularity : Granularity.values()) {
                    added.computeIfAbsent(List.of(granularity(granularity), AnalyticsCalendar.periodOf(day, granularity),
                            series), ignored -> new DurationHistogram()).addAll(durations);
                }
            }
        });
        if (added.isEmpty()) {
            return;
        }
        Map<List<Object>, DurationHistogram> stored = stored(jdbc, added);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        added.forEach((key, durations) -> {
            DurationHistogram known = stored.get(key);
            DurationHistogram merged = known == null ? durations : known;
            if (known != null) {
                known.addAll(durations);
            }
            AnalyticsOverview.Durations figures = merged.durations();
            if (known == null) {
                inserts.add(new Object[]{key.get(0), key.get(1), key.get(2), figures.count(), figures.medianSeconds(),
                        figures.p90Seconds(), merged.encode()});
            } else {
                updates.add(new Object[]{figures.count(), figures.medianSeconds(), figures.p90Seconds(), merged.encode(),
                        key.get(0), key.get(1), key.get(2)});
            }
        });
        BatchWrites.executeAll(jdbc, "insert into " + TABLE + " (granularity, period_start, series, durations, "
                + "median_seconds, p90_seconds, histogram) values (?, ?, ?, ?, ?, ?, ?)", inserts);
        BatchWrites.executeAll(jdbc, "update " + TABLE + " set durations = ?, median_seconds = ?, p90_seconds = ?, "
                + "histogram = ? where granularity = ? and period_start = ? and series = ?", updates);
    }

    private static Map<List<Object>, DurationHistogram> stored(JdbcTemplate jdbc, Map<List<Object>, DurationHistogram> keys) {
        Map<List<Object>, DurationHistogram> stored = new LinkedHashMap<>();
        for (Granularity granularity : Granularity.values()) {
            String name = granularity(granularity);
            List<LocalDate> starts = keys.keySet().stream().filter(key -> key.get(0).equals(name))
                    .map(key -> (LocalDate) key.get(1)).distinct().toList();
            for (int from = 0; from < starts.size(); from += 500) {
                List<LocalDate> chunk = starts.subList(from, Math.min(starts.size(), from + 500));
                List<Object> args = new ArrayList<>(List.of(name));
                args.addAll(chunk);
                jdbc.query("select period_start, series, histogram from " + TABLE + " where granularity = ? and "
                        + "period_start in (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", rs -> {
                    stored.put(List.of(name, rs.getObject(1, LocalDate.class), rs.getString(2)),
                            DurationHistogram.decode(rs.getString(3)));
                }, args.toArray());
            }
        }
        return stored;
    }
}
