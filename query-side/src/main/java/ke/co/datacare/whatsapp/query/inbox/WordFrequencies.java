package ke.co.datacare.whatsapp.query.inbox;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How many of the messages hold a searched word, as PostgreSQL's own statistics of the full-text index of V70 say
 * ({@code pg_stats.most_common_elems} of {@code timeline_message_words}, which {@code analyze} and autovacuum keep):
 * the share of the messages holding each of its most common words, about a thousand of them. A word missing from that
 * list is rarer than the least common word in it. The statistics are read again at most once every
 * {@link #REFRESH}: they change only when the table is analyzed.
 * <p>
 * A search's share is that of its rarest word (every word must be in a message), the last word counted as a prefix:
 * the sum of the shares of the common words it starts.
 */
final class WordFrequencies {

    static final Duration REFRESH = Duration.ofMinutes(1);
    private static final String STATISTICS = "select e.word, e.share from pg_stats s, unnest(cast(cast("
            + "s.most_common_elems as text) as text[]), s.most_common_elem_freqs) as e(word, share) "
            + "where s.schemaname = current_schema() and s.tablename = 'timeline_message_words' and e.word is not null";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, Double> shares, Instant readAt) {
    }

    WordFrequencies(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The estimated share of the messages (0 to 1) holding every word of a tsquery made by {@code SearchTerms}. */
    double share(String words) {
        Map<String, Double> shares = shares();
        double rarest = 1;
        for (String word : words.split(" & ")) {
            rarest = Math.min(rarest, word.endsWith(":*") ? prefixShare(shares, word.substring(0, word.length() - 2))
                    : shares.getOrDefault(word, 0.0));
        }
        return rarest;
    }

    private static double prefixShare(Map<String, Double> shares, String prefix) {
        double sum = 0;
        for (Map.Entry<String, Double> share : shares.entrySet()) {
            if (share.getKey().startsWith(prefix)) {
                sum += share.getValue();
            }
        }
        return Math.min(sum, 1);
    }

    private Map<String, Double> shares() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(REFRESH).isBefore(now)) {
            Map<String, Double> shares = new HashMap<>();
            jdbc.query(STATISTICS, rs -> {
                shares.put(rs.getString("word"), rs.getDouble("share"));
            });
            current = new Snapshot(Map.copyOf(shares), now);
            snapshot = current;
        }
        return current.shares();
    }
}
