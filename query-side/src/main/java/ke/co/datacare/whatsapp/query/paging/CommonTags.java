package ke.co.datacare.whatsapp.query.paging;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a tag is on so many contacts that a page of the inbox finds its rows sooner by walking the conversations in
 * page order and checking each one's tag ({@link TagFilter#walkCondition}) than by reading every tagged contact
 * first ({@link TagFilter#condition}): the walk reads about {@code size * conversations / tagged} rows, the tagged
 * contacts are {@code tagged} rows, so the walk wins when {@code tagged^2 >= size * conversations} (2,300 tagged
 * contacts at 100,000 conversations, 7,100 at a million), and with other filters only when the conversations they
 * leave are that many too. How many contacts carry a tag is PostgreSQL's estimate
 * ({@code pg_stats.most_common_vals} of {@code contact_view_tag.tag} times the table's rows), read at most once every
 * {@link #REFRESH}; a tag missing from it is rare.
 */
public final class CommonTags {

    static final Duration REFRESH = Duration.ofMinutes(1);
    private static final String STATISTICS = "select e.tag, e.share * t.reltuples as tagged, i.reltuples as "
            + "conversations from pg_stats s cross join lateral unnest(cast(cast(s.most_common_vals as text) as "
            + "text[]), s.most_common_freqs) as e(tag, share), pg_class t, pg_class i where s.schemaname = "
            + "current_schema() and s.tablename = 'contact_view_tag' and s.attname = 'tag' and "
            + "t.oid = cast('contact_view_tag' as regclass) and i.oid = cast('inbox_conversation' as regclass)";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, Double> tagged, double conversations, Instant readAt) {
    }

    public CommonTags(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * True when a page of {@code size} conversations with the tag and the other filters is found sooner by walking them
     * in page order. {@code matching} is how many conversations the whole filter matched (counted, so at most the cap;
     * negative when not counted, a page after a cursor): the walk reads about {@code size * conversations / matching}
     * rows, so a common tag combined with a filter that leaves few of its conversations (vip and open, when the vips'
     * conversations are resolved) reads its tagged contacts first instead of walking every row of the other filter.
     */
    public boolean walks(String tag, int size, long matching) {
        Snapshot current = snapshot();
        double tagged = current.tagged().getOrDefault(TagFilter.stored(tag), 0.0);
        double found = matching < 0 ? tagged : Math.min(tagged, matching);
        return found > 0 && tagged * found >= (double) size * current.conversations();
    }

    /**
     * True when PostgreSQL's statistics put at most {@code contacts} contacts under the tag (a tag missing from them
     * is rare): its conversations are few enough to be read, counted and ordered in one pass.
     */
    public boolean atMost(String tag, long contacts) {
        return snapshot().tagged().getOrDefault(TagFilter.stored(tag), 0.0) <= contacts;
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(REFRESH).isBefore(now)) {
            Map<String, Double> tagged = new HashMap<>();
            double[] conversations = {0};
            jdbc.query(STATISTICS, rs -> {
                tagged.put(rs.getString("tag"), rs.getDouble("tagged"));
                conversations[0] = rs.getDouble("conversations");
            });
            current = new Snapshot(Map.copyOf(tagged), conversations[0], now);
            snapshot = current;
        }
        return current;
    }
}
