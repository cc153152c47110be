package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.BusinessHoursCheck;
import ke.co.datacare.whatsapp.api.query.CheckBusinessHours;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Daily rollups of the conversation times, in the read-model group (rebuilt and replayed with it): per
 * Nairobi day, the waits for our first answer (by the bot and by agents, split by business hours, and per agent) and
 * the resolution times as {@link DurationHistogram}s (and the overview's series of them per day and ISO week with their
 * figures worked out, {@link PeriodDurations}), episodes opened and contained, handoffs by reason, assignments and resolutions
 * per agent, template messages by how far they got, and the conversations each agent holds now. It decides nothing
 * itself: {@link ConversationTimesProjection} applies the events (once each) and reports what they mean here, in the
 * same unit of work, so a rollup changes exactly when the row it sums does.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
public class AnalyticsRollupProjection {

    static final String[] TABLES = {"analytics_daily_duration", "analytics_daily_episodes", "analytics_daily_handoff",
            "analytics_daily_agent", "analytics_agent_holding", "analytics_daily_template", "analytics_period_duration",
            "analytics_agent_month_duration"};

    /**
     * Measures of {@code analytics_daily_duration}: waits answered by the bot, by people (agents in the console, staff on
     * the WhatsApp Business app), by one agent; resolutions.
     */
    static final String BOT = "bot";
    static final String AGENTS = "agents";
    static final String ONE_AGENT = "agent";
    static final String RESOLUTION = "resolution";
    static final String IN_HOURS = "in";
    static final String OUTSIDE_HOURS = "out";
    static final String HOURS_UNKNOWN = "unknown";

    private final JdbcTemplate jdbc;
    private final Function<List<Instant>, List<Boolean>> businessHours;

    /**
     * With business hours as the chatbot module has them configured when the answer is applied
     * ({@link CheckBusinessHours}); unknown when it cannot say.
     */
    @Autowired
    public AnalyticsRollupProjection(JdbcTemplate jdbc, QueryGateway queries) {
        this(jdbc, instants -> instants.isEmpty() ? List.of() : queries.query(new CheckBusinessHours(instants),
                BusinessHoursCheck.class).exceptionally(failure -> null).thenApply(check -> check == null ? null
                : check.open()).join());
    }

    /** With business hours given as a function: for each instant, in order, whether the business was open (or null). */
    public AnalyticsRollupProjection(JdbcTemplate jdbc, Function<List<Instant>, List<Boolean>> businessHours) {
        this.jdbc = jdbc;
        this.businessHours = businessHours;
    }

    /** Our first answer to a waiting customer, by the bot ({@code agentId} null) or an agent. */
    void answered(Instant at, long waitSeconds, boolean byPeople, String agentId, Instant waitedFrom) {
        Batch batch = batch();
        batch.answers.add(new Answer(AnalyticsCalendar.dayOf(at), waitSeconds, byPeople, agentId, waitedFrom));
        BatchWrites.done(batch);
    }

    void resolved(Instant at, long seconds, String by) {
        Batch batch = batch();
        LocalDate day = AnalyticsCalendar.dayOf(at);
        batch.durations.computeIfAbsent(List.of(day, RESOLUTION, "", ""), key -> new DurationHistogram()).add(seconds);
        if (by != null) {
            batch.agents.computeIfAbsent(List.of(day, by), key -> new long[2])[1]++;
        }
        BatchWrites.done(batch);
    }

    void episodeOpened(Instant at) {
        Batch batch = batch();
        long[] counts = batch.episodes.computeIfAbsent(AnalyticsCalendar.dayOf(at), key -> new long[2]);
        counts[0]++;
        counts[1]++;
        BatchWrites.done(batch);
    }

    /** The episode opened at {@code openedAt} was handed to people for the first time: it is not contained. */
    void handedOff(Instant openedAt) {
        Batch batch = batch();
        batch.episodes.computeIfAbsent(AnalyticsCalendar.dayOf(openedAt), key -> new long[2])[1]--;
        BatchWrites.done(batch);
    }

    void handoff(Instant at, String reason) {
        Batch batch = batch();
        batch.handoffs.merge(List.of(AnalyticsCalendar.dayOf(at), reason), 1L, Long::sum);
        BatchWrites.done(batch);
    }

    void assigned(Instant at, String agentId) {
        Batch batch = batch();
        batch.agents.computeIfAbsent(List.of(AnalyticsCalendar.dayOf(at), agentId), key -> new long[2])[0]++;
        BatchWrites.done(batch);
    }

    /** The agent holding a conversation changed from {@code before} to {@code after} (either null: nobody). */
    void holder(String before, String after) {
        if (before == null ? after == null : before.equals(after)) {
            return;
        }
        Batch batch = batch();
        if (before != null) {
            batch.holding.merge(before, -1L, Long::sum);
        }
        if (after != null) {
            batch.holding.merge(after, 1L, Long::sum);
        }
        BatchWrites.done(batch);
    }

    /**
     * A template message moved from {@code before} to {@code after} (null before: just queued); counted on the day it
     * was queued.
     */
    void template(TemplateProgress before, TemplateProgress after) {
        Batch batch = batch();
        long[] counts = batch.templates.computeIfAbsent(List.of(after.queuedOn(), after.name(), after.language()),
                key -> new long[5]);
        counts[0] += before == null ? 1 : 0;
        counts[1] += crossed(before != null && before.accepted(), after.accepted());
        counts[2] += crossed(before != null && before.rank() >= 2, after.rank() >= 2);
        counts[3] += crossed(before != null && before.rank() >= 3, after.rank() >= 3);
        counts[4] += crossed(before != null && before.failed(), after.failed());
        BatchWrites.done(batch);
    }

    /** How far one template message got: accepted by Meta, rank 1 sent, 2 delivered, 3 read, 4 played; failed. */
    record TemplateProgress(String name, String language, LocalDate queuedOn, boolean accepted, int rank, boolean failed) {
    }

    void clear() {
        for (String table : TABLES) {
            jdbc.update("delete from " + table);
        }
    }

    private static int crossed(boolean before, boolean after) {
        return !before && after ? 1 : 0;
    }

    private Batch batch() {
        return BatchWrites.current(KEY, () -> new Batch(jdbc, businessHours));
    }

    private static final String KEY = AnalyticsRollupProjection.class.getName();

    /** A first answer: by people ({@code agentId} when one agent gave it in the console) or by the bot. */
    private record Answer(LocalDate day, long waitSeconds, boolean byPeople, String agentId, Instant waitedFrom) {
    }

    /** The changes of one batch of events, summed per row and written with a few statements. */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        private final Function<List<Instant>, List<Boolean>> businessHours;
        private final List<Answer> answers = new ArrayList<>();
        /** (day, measure, agent, business hours) -> durations to add */
        private final Map<List<Object>, DurationHistogram> durations = new LinkedHashMap<>();
        private final Map<LocalDate, long[]> episodes = new LinkedHashMap<>();
        private final Map<List<Object>, Long> handoffs = new LinkedHashMap<>();
        private final Map<List<Object>, long[]> agents = new LinkedHashMap<>();
        private final Map<String, Long> holding = new LinkedHashMap<>();
        private final Map<List<Object>, long[]> templates = new LinkedHashMap<>();

        Batch(JdbcTemplate jdbc, Function<List<Instant>, List<Boolean>> businessHours) {
            this.jdbc = jdbc;
            this.businessHours = businessHours;
        }

        @Override
        public void flush() {
            classifyAnswers();
            writeDurations();
            BatchWrites.upsert(jdbc, "update analytics_daily_episodes set episodes = episodes + ?, contained = contained + ? "
                            + "where day_date = ?", rows(episodes, (day, counts) -> new Object[]{counts[0], counts[1], day}),
                    "insert into analytics_daily_episodes (day_date, episodes, contained) values (?, ?, ?)",
                    rows(episodes, (day, counts) -> new Object[]{day, counts[0], counts[1]}));
            BatchWrites.upsert(jdbc, "update analytics_daily_handoff set handoffs = handoffs + ? where day_date = ? "
                            + "and reason = ?", rows(handoffs, (key, count) -> new Object[]{count, key.get(0), key.get(1)}),
                    "insert into analytics_daily_handoff (day_date, reason, handoffs) values (?, ?, ?)",
                    rows(handoffs, (key, count) -> new Object[]{key.get(0), key.get(1), count}));
            BatchWrites.upsert(jdbc, "update analytics_daily_agent set assigned = assigned + ?, resolved = resolved + ? "
                            + "where day_date = ? and agent_id = ?",
                    rows(agents, (key, counts) -> new Object[]{counts[0], counts[1], key.get(0), key.get(1)}),
                    "insert into analytics_daily_agent (day_date, agent_id, assigned, resolved) values (?, ?, ?, ?)",
                    rows(agents, (key, counts) -> new Object[]{key.get(0), key.get(1), counts[0], counts[1]}));
            BatchWrites.upsert(jdbc, "update analytics_agent_holding set conversations = conversations + ? where agent_id = ?",
                    rows(holding, (agent, change) -> new Object[]{change, agent}),
                    "insert into analytics_agent_holding (agent_id, conversations) values (?, ?)",
                    rows(holding, (agent, change) -> new Object[]{agent, change}));
            BatchWrites.upsert(jdbc, "update analytics_daily_template set queued = queued + ?, accepted = accepted + ?, "
                            + "delivered = delivered + ?, read_count = read_count + ?, failed = failed + ? "
                            + "where day_date = ? and template_name = ? and language = ?",
                    rows(templates, (key, c) -> new Object[]{c[0], c[1], c[2], c[3], c[4], key.get(0), key.get(1), key.get(2)}),
                    "insert into analytics_daily_template (day_date, template_name, language, queued, accepted, delivered, "
                            + "read_count, failed) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows(templates, (key, c) -> new Object[]{key.get(0), key.get(1), key.get(2), c[0], c[1], c[2], c[3], c[4]}));
            answers.clear();
            durations.clear();
            episodes.clear();
            handoffs.clear();
            agents.clear();
            holding.clear();
            templates.clear();
        }

        /** Business hours are asked once per batch, for every answer's start of the wait. */
        private void classifyAnswers() {
            if (answers.isEmpty()) {
                return;
            }
            List<Boolean> open = businessHours.apply(answers.stream().map(Answer::waitedFrom).toList());
            for (int i = 0; i < answers.size(); i++) {
                Answer answer = answers.get(i);
                Boolean inHours = open == null ? null : open.get(i);
                String hours = inHours == null ? HOURS_UNKNOWN : inHours ? IN_HOURS : OUTSIDE_HOURS;
                add(List.of(answer.day(), answer.byPeople() ? AGENTS : BOT, "", hours), answer.waitSeconds());
                if (answer.agentId() != null) {
                    add(List.of(answer.day(), ONE_AGENT, answer.agentId(), ""), answer.waitSeconds());
                }
            }
        }

        private void add(List<Object> key, long seconds) {
            durations.computeIfAbsent(key, ignored -> new DurationHistogram()).add(seconds);
        }

        /**
         * Histograms are read, merged and written back: one read per batch for the days it touches, and one for the
         * overview's days and weeks ({@link PeriodDurations}).
         */
        private void writeDurations() {
            if (durations.isEmpty()) {
                return;
            }
            PeriodDurations.add(jdbc, durations);
            AgentMonthDurations.add(jdbc, durations);
            List<LocalDate> days = durations.keySet().stream().map(key -> (LocalDate) key.get(0)).distinct().toList();
            Map<List<Object>, DurationHistogram> stored = new LinkedHashMap<>();
            for (int from = 0; from < days.size(); from += 500) {
                List<LocalDate> chunk = days.subList(from, Math.min(days.size(), from + 500));
                jdbc.query("select day_date, measure, agent_id, business_hours, histogram from analytics_daily_duration "
                        + "where day_date in (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", rs -> {
                    stored.put(List.of(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4)),
                            DurationHistogram.decode(rs.getString(5)));
                }, chunk.toArray());
            }
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> updates = new ArrayList<>();
            durations.forEach((key, added) -> {
                DurationHistogram known = stored.get(key);
                if (known == null) {
                    inserts.add(new Object[]{key.get(0), key.get(1), key.get(2), key.get(3), added.count(), added.encode()});
                } else {
                    known.addAll(added);
                    updates.add(new Object[]{known.count(), known.encode(), key.get(0), key.get(1), key.get(2), key.get(3)});
                }
            });
            BatchWrites.executeAll(jdbc, "insert into analytics_daily_duration (day_date, measure, agent_id, business_hours, "
                    + "durations, histogram) values (?, ?, ?, ?, ?, ?)", inserts);
            BatchWrites.executeAll(jdbc, "update analytics_daily_duration set durations = ?, histogram = ? where day_date = ? "
                    + "and measure = ? and agent_id = ? and business_hours = ?", updates);
        }

        private static <K, V> List<Object[]> rows(Map<K, V> changes, java.util.function.BiFunction<K, V, Object[]> row) {
            return changes.entrySet().stream().map(entry -> row.apply(entry.getKey(), entry.getValue())).toList();
        }
    }
}
