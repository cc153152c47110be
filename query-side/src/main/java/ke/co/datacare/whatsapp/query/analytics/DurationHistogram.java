package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;

import java.util.Map;
import java.util.TreeMap;

/**
 * Durations in whole seconds, kept as buckets so that a day's durations fit in one short row and a year of days merges
 * in milliseconds. Below {@value #EXACT_BELOW} seconds every second is its own bucket; above, a bucket spans at most
 * 1/32 of its lower bound (32 buckets per doubling). Each bucket keeps its count and the sum of its durations, and a
 * percentile is the mean of the bucket the nearest rank falls in: exact when that bucket holds one distinct duration
 * (always below {@value #EXACT_BELOW} s), otherwise less than 1/32 (3.2 %) away from the exact nearest-rank figure.
 * Stored as {@code bucket:count:sum} entries joined by commas, in bucket order.
 */
final class DurationHistogram {

    private static final int PRECISION_BITS = 5;
    static final long EXACT_BELOW = 1L << (PRECISION_BITS + 1);

    /** bucket -> {count, sum of seconds} */
    private final TreeMap<Long, long[]> buckets = new TreeMap<>();
    private long count;

    static long bucketOf(long seconds) {
        long value = Math.max(0, seconds);
        if (value < EXACT_BELOW) {
            return value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - PRECISION_BITS;
        return (value >> shift) << shift;
    }

    void add(long seconds) {
        long value = Math.max(0, seconds);
        add(bucketOf(value), 1, value);
    }

    private void add(long bucket, long times, long sum) {
        long[] entry = buckets.computeIfAbsent(bucket, ignored -> new long[2]);
        entry[0] += times;
        entry[1] += sum;
        count += times;
    }

    void addAll(DurationHistogram other) {
        other.buckets.forEach((bucket, entry) -> add(bucket, entry[0], entry[1]));
    }

    /** Adds the entries of an encoded histogram. */
    void addEncoded(String encoded) {
        int length = encoded.length();
        long[] fields = new long[3];
        int field = 0;
        long value = 0;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? encoded.charAt(i) : ',';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
            } else if (c == ':') {
                fields[field++] = value;
                value = 0;
            } else if (c == ',') {
                if (field == 2) {
                    fields[2] = value;
                    add(fields[0], fields[1], fields[2]);
                }
                field = 0;
                value = 0;
            }
        }
    }

    static DurationHistogram decode(String encoded) {
        DurationHistogram histogram = new DurationHistogram();
        if (encoded != null) {
            histogram.addEncoded(encoded);
        }
        return histogram;
    }

    String encode() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Long, long[]> entry : buckets.entrySet()) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(entry.getKey()).append(':').append(entry.getValue()[0]).append(':').append(entry.getValue()[1]);
        }
        return text.toString();
    }

    long count() {
        return count;
    }

    /** Count, median and 90th percentile by the nearest-rank method, each the mean of the bucket its rank falls in. */
    AnalyticsOverview.Durations durations() {
        if (count == 0) {
            return new AnalyticsOverview.Durations(0, null, null);
        }
        return new AnalyticsOverview.Durations(count, nearestRank(0.5), nearestRank(0.9));
    }

    private long nearestRank(double percentile) {
        long rank = Math.max(1, (long) Math.ceil(percentile * count));
        long seen = 0;
        for (long[] entry : buckets.values()) {
            seen += entry[0];
            if (seen >= rank) {
                return Math.round((double) entry[1] / entry[0]);
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + count);
    }
}
