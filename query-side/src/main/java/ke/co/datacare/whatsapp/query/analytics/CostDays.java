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

    /** The counts of a day, category, market, sender and campaign; null where the key holds "none". */
    record Day(LocalDate day, String category, String market, String senderKind, String campaignId, long messages,
               long delivered, long charged) {
    }

    /**
     * The rows of the days from {@code first} to {@code last}, inclusive, as stored (a few per day), in no particular
     * order: {@link CostQueries} sums them in memory. Grouping them in SQL cost the database five to seven times the
     * reading of them (a year: 20-25 ms grouped, 3-4 ms read; bench/results/2026-12-07T0811Z-cost-grouping-sets.md);
     * pricing and summing a year's 6,570 rows here costs the JVM about half a millisecond more than pricing the
     * grouped ones did (3.8 against 3.3 ms of CPU a request, measured in one process against the same database).
     */
    static void read(JdbcTemplate jdbc, LocalDate first, LocalDate last, Consumer<Day> days) {
        jdbc.query("select priced_on, category, market, sender_kind, campaign_id, messages, delivered, charged from "
                + TABLE + " where priced_on between ? and ?", rs -> {
            days.accept(new Day(rs.getObject(1, LocalDate.class), none(rs.getString(2)), none(rs.getString(3)),
                    rs.getString(4), none(rs.getString(5)), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
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
