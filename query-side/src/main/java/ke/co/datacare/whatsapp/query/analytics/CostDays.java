package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The priced messages counted per Nairobi day, category, market, sender and campaign ({@code analytics_cost_daily},
 * V154), kept by {@link CostProjection} in the batch that writes its rows: what {@link CostQueries} reads, a few
 * rows per day however many messages were sent. {@code ''} stands for "none" in the key columns.
 */
final class CostDays {

    static final String TABLE = "analytics_cost_daily";

    private CostDays() {
    }

    /** The counts of a day, category and market (every sender and campaign); null where the key holds "none". */
    record Day(LocalDate day, String category, String market, long messages, long delivered, long charged) {
    }

    /**
     * The counts of a category, market, sender and campaign over the span of days that starts on {@code spanStart};
     * null where the key holds "none".
     */
    record Sender(LocalDate spanStart, String category, String market, String senderKind, String campaignId,
                  long messages, long delivered, long charged) {
    }

    /**
     * The days from {@code first} to {@code last}, inclusive, summed in one scan of the table (PostgreSQL's
     * {@code GROUPING SETS}) both per day, category and market ({@code days}: what a price depends on, so each row is
     * priced once) and per span of days, category, market, sender and campaign ({@code senders}: one price each, as no
     * rate starts within a span). A span begins on {@code first} and on each of {@code spanStarts} (ascending, after
     * {@code first}, up to {@code last}).
     */
    static void readGrouped(JdbcTemplate jdbc, LocalDate first, LocalDate last, List<LocalDate> spanStarts,
                            Consumer<Day> days, Consumer<Sender> senders) {
        StringBuilder span = new StringBuilder(spanStarts.isEmpty() ? "" : "case");
        List<Object> args = new ArrayList<>();
        for (int i = spanStarts.size() - 1; i >= 0; i--) {
            span.append(" when priced_on >= ? then cast(? as date)");
            args.add(spanStarts.get(i));
            args.add(spanStarts.get(i));
        }
        span.append(spanStarts.isEmpty() ? "cast(? as date)" : " else cast(? as date) end");
        args.add(first);
        args.add(first);
        args.add(last);
        jdbc.query("select grouping(priced_on), priced_on, " + span + " as span_start, category, market, sender_kind, "
                + "campaign_id, sum(messages), sum(delivered), sum(charged) from " + TABLE + " where priced_on between ? "
                + "and ? group by grouping sets ((priced_on, category, market), "
                + "(span_start, category, market, sender_kind, campaign_id))", rs -> {
            if (rs.getInt(1) == 0) {
                days.accept(new Day(rs.getObject(2, LocalDate.class), none(rs.getString(4)), none(rs.getString(5)),
                        rs.getLong(8), rs.getLong(9), rs.getLong(10)));
            } else {
                senders.accept(new Sender(rs.getObject(3, LocalDate.class), none(rs.getString(4)),
                        none(rs.getString(5)), rs.getString(6), none(rs.getString(7)), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10)));
            }
        }, args.toArray());
    }

    /**
     * The days from {@code first} to {@code last}, inclusive, summed per day, category and market in SQL: what a
     * price depends on, so each row is priced once (a few rows a day, where the groups per sender and campaign
     * were five times as many). The generic form of {@link #readGrouped}'s first half, for databases without
     * {@code GROUPING SETS} (H2).
     */
    static void readDays(JdbcTemplate jdbc, LocalDate first, LocalDate last, Consumer<Day> days) {
        jdbc.query("select priced_on, category, market, sum(messages), sum(delivered), sum(charged) from " + TABLE
                + " where priced_on between ? and ? group by priced_on, category, market", rs -> {
            days.accept(new Day(rs.getObject(1, LocalDate.class), none(rs.getString(2)), none(rs.getString(3)),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6)));
        }, first, last);
    }

    /**
     * The days from {@code first} to {@code last}, inclusive, summed per category, market, sender and campaign: one
     * price each when no rate starts within the span. The generic form of {@link #readGrouped}'s second half.
     */
    static void readSenders(JdbcTemplate jdbc, LocalDate first, LocalDate last, Consumer<Sender> senders) {
        jdbc.query("select category, market, sender_kind, campaign_id, sum(messages), sum(delivered), sum(charged) from "
                + TABLE + " where priced_on between ? and ? group by category, market, sender_kind, campaign_id", rs -> {
            senders.accept(new Sender(first, none(rs.getString(1)), none(rs.getString(2)), rs.getString(3),
                    none(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
        }, first, last);
    }

    private static String none(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private record Key(LocalDate day, String category, String market, String senderKind, String campaignId) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::day).thenComparing(Key::category)
                .thenComparing(Key::market).thenComparing(Key::senderKind).thenComparing(Key::campaignId);
    }

    /** A batch's changes to the counts, written as one change per group (in key order, so batches lock alike). */
    static final class Changes {
        private final Map<Key, long[]> byGroup = new TreeMap<>(Key.ORDER);

        /** A message of the group: {@code messages} more of it (0 or 1), delivered or not, charged or not. */
        void add(LocalDate day, String category, String market, String senderKind, String campaignId, long messages,
                 boolean delivered, boolean charged) {
            long[] counts = byGroup.computeIfAbsent(new Key(day, stored(category), stored(market), senderKind,
                    stored(campaignId)), key -> new long[3]);
            counts[0] += messages;
            if (delivered) {
                counts[1]++;
                if (charged) {
                    counts[2]++;
                }
            }
        }

        void write(JdbcTemplate jdbc) {
            List<Object[]> updates = new ArrayList<>();
            List<Object[]> inserts = new ArrayList<>();
            byGroup.forEach((key, counts) -> {
                updates.add(new Object[]{counts[0], counts[1], counts[2], key.day(), key.category(), key.market(),
                        key.senderKind(), key.campaignId()});
                inserts.add(new Object[]{key.day(), key.category(), key.market(), key.senderKind(), key.campaignId(),
                        counts[0], counts[1], counts[2]});
            });
            BatchWrites.upsert(jdbc, "update " + TABLE + " set messages = messages + ?, delivered = delivered + ?, "
                            + "charged = charged + ? where priced_on = ? and category = ? and market = ? and "
                            + "sender_kind = ? and campaign_id = ?", updates,
                    "insert into " + TABLE + " (priced_on, category, market, sender_kind, campaign_id, messages, "
                            + "delivered, charged) values (?, ?, ?, ?, ?, ?, ?, ?)", inserts);
            byGroup.clear();
        }

        private static String stored(String value) {
            return value == null ? "" : value;
        }
    }
}
