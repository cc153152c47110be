package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many conversations the inbox holds in each status ({@code inbox_status_count}), kept by
 * {@link InboxConversationProjection} in the unit of work that writes the rows: the inbox's total, unfiltered or by
 * status alone, is read from a handful of counters and is exact at any size, where a count of the rows stops at
 * {@link ke.co.datacare.whatsapp.query.paging.KeysetPaging#TOTAL_CAP} and costs a walk of that many index entries.
 */
final class InboxStatusCounts {

    static final String TABLE = "inbox_status_count";

    private InboxStatusCounts() {
    }

    /** The conversations in {@code status}, or in every status when it is null. */
    static long count(JdbcTemplate jdbc, String status) {
        Long counted = status == null
                ? jdbc.queryForObject("select coalesce(sum(conversations), 0) from " + TABLE, Long.class)
                : jdbc.queryForObject("select coalesce(sum(conversations), 0) from " + TABLE + " where status = ?",
                Long.class, status);
        return counted == null ? 0 : counted;
    }

    /** A batch's moves between statuses, written as one change per status (in status order, so batches lock alike). */
    static final class Changes {
        private final Map<String, Long> byStatus = new TreeMap<>();

        /** A conversation went from {@code from} (null: it is new) to {@code to}. */
        void moved(String from, String to) {
            if (Objects.equals(from, to)) {
                return;
            }
            if (from != null) {
                byStatus.merge(from, -1L, Long::sum);
            }
            if (to != null) {
                byStatus.merge(to, 1L, Long::sum);
            }
        }

        void write(JdbcTemplate jdbc) {
            List<Object[]> updates = new ArrayList<>();
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> emptied = new ArrayList<>();
            byStatus.forEach((status, change) -> {
                if (change != 0) {
                    updates.add(new Object[]{change, status});
                    inserts.add(new Object[]{status, change});
                }
                if (change < 0) {
                    emptied.add(new Object[]{status});
                }
            });
            BatchWrites.upsert(jdbc, "update " + TABLE + " set conversations = conversations + ? where status = ?",
                    updates, "insert into " + TABLE + " (status, conversations) values (?, ?)", inserts);
            // a status no conversation is in has no row, however the events were batched (a rebuild batches them
            // differently from live processing, and both must leave the same rows)
            BatchWrites.executeAll(jdbc, "delete from " + TABLE + " where status = ? and conversations = 0", emptied);
            byStatus.clear();
        }
    }
}
