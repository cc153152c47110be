package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many conversations the inbox holds per status, assignee and whether they have unread messages
 * ({@code inbox_status_count}), kept by {@link InboxConversationProjection} in the unit of work that writes the rows:
 * the total of the whole inbox and of any mix of the status, assignee (and so "mine"), unassigned and unread filters
 * is a sum over a few rows per agent and is exact at any size, where a count of the rows stops at
 * {@link ke.co.datacare.whatsapp.query.paging.KeysetPaging#TOTAL_CAP} and costs a walk of that many index entries
 * (12-14 ms of PostgreSQL for "mine" or "unread" at a million conversations).
 */
final class InboxStatusCounts {

    static final String TABLE = "inbox_status_count";

    private InboxStatusCounts() {
    }

    /** Where a conversation is counted; {@code assignee} is "" for none. */
    record Key(String status, String assignee, boolean unread) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::status).thenComparing(Key::assignee)
                .thenComparing(Key::unread);

        static Key of(String status, String assignee, int unreadCount) {
            return status == null ? null : new Key(status, assignee == null ? "" : assignee, unreadCount > 0);
        }
    }

    /**
     * The conversations matching the counted filters: {@code status} and {@code assignee} when not null,
     * {@code unassigned} and {@code unread} when not null.
     */
    static long count(JdbcTemplate jdbc, String status, String assignee, Boolean unassigned, Boolean unread) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            args.add(status);
        }
        if (assignee != null) {
            conditions.add("assignee = ?");
            args.add(assignee);
        }
        if (Boolean.TRUE.equals(unassigned)) {
            conditions.add("assignee = ''");
        }
        if (unread != null) {
            conditions.add("unread = ?");
            args.add(unread);
        }
        Long counted = jdbc.queryForObject("select coalesce(sum(conversations), 0) from " + TABLE
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions)), Long.class, args.toArray());
        return counted == null ? 0 : counted;
    }

    /** A batch's moves between counters, written as one change per counter (in key order, so batches lock alike). */
    static final class Changes {
        private final Map<Key, Long> byKey = new TreeMap<>(Key.ORDER);

        /** A conversation went from {@code from} (null: it is new) to {@code to}. */
        void moved(Key from, Key to) {
            if (Objects.equals(from, to)) {
                return;
            }
            if (from != null) {
                byKey.merge(from, -1L, Long::sum);
            }
            if (to != null) {
                byKey.merge(to, 1L, Long::sum);
            }
        }

        void write(JdbcTemplate jdbc) {
            List<Object[]> updates = new ArrayList<>();
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> emptied = new ArrayList<>();
            byKey.forEach((key, change) -> {
                Object[] where = {key.status(), key.assignee(), key.unread()};
                if (change != 0) {
                    updates.add(new Object[]{change, key.status(), key.assignee(), key.unread()});
                    inserts.add(new Object[]{key.status(), key.assignee(), key.unread(), change});
                }
                if (change < 0) {
                    emptied.add(where);
                }
            });
            BatchWrites.upsert(jdbc, "update " + TABLE + " set conversations = conversations + ? where status = ? "
                    + "and assignee = ? and unread = ?", updates, "insert into " + TABLE + " (status, assignee, unread, "
                    + "conversations) values (?, ?, ?, ?)", inserts);
            // a counter no conversation is in has no row, however the events were batched (a rebuild batches them
            // differently from live processing, and both must leave the same rows)
            BatchWrites.executeAll(jdbc, "delete from " + TABLE + " where status = ? and assignee = ? and unread = ? "
                    + "and conversations = 0", emptied);
            byKey.clear();
        }
    }
}
