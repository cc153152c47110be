package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;

import java.util.Arrays;

/**
 * Durations in whole seconds, kept as buckets so that a day's durations fit in one short row and a year of days merges
 * in milliseconds. Below {@value #EXACT_BELOW} seconds every second is its own bucket; above, a bucket spans 1/32 of
 * its lower bound (32 buckets per doubling). Each bucket keeps its count and the sum of its durations, and a
 * percentile is the mean of the bucket the nearest rank falls in: exact when that bucket holds one distinct duration
 * (always below {@value #EXACT_BELOW} s), otherwise less than 1/32 (3.2 %) away from the exact nearest-rank figure.
 * Stored as {@code bucket:count:sum} entries (the bucket's lower bound) joined by commas, in bucket order.
 */
final class DurationHistogram {

    private static final int PRECISION_BITS = 5;
    private static final int PER_DOUBLING = 1 << PRECISION_BITS;
    static final long EXACT_BELOW = 1L << (PRECISION_BITS + 1);
    private static final int FIRST_SHIFTED = Long.numberOfTrailingZeros(EXACT_BELOW);

    /** Per bucket, by its position: how many durations, and their sum. */
    private long[] counts = new long[0];
    private long[] sums = new long[0];
    /** One past the highest position that holds a duration: loops stop here, not at the arrays' grown length. */
    private int used;
    private long count;

    static long bucketOf(long seconds) {
        long value = Math.max(0, seconds);
        if (value < EXACT_BELOW) {
            return value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - PRECISION_BITS;
        return (value >> shift) << shift;
    }

    /** The position of a bucket (its lower bound) in bucket order. */
    private static int position(long bucket) {
        if (bucket < EXACT_BELOW) {
            return (int) bucket;
        }
        int log = 63 - Long.numberOfLeadingZeros(bucket);
        int within = (int) (bucket >> (log - PRECISION_BITS)) & (PER_DOUBLING - 1);
        return (int) EXACT_BELOW + (log - FIRST_SHIFTED) * PER_DOUBLING + within;
    }

    /** The lower bound of the bucket at a position. */
    private static long bucketAt(int position) {
        if (position < EXACT_BELOW) {
            return position;
        }
        int log = (int) ((position - EXACT_BELOW) / PER_DOUBLING) + FIRST_SHIFTED;
        long within = (position - EXACT_BELOW) % PER_DOUBLING;
        return (PER_DOUBLING + within) << (log - PRECISION_BITS);
    }

    void add(long seconds) {
        long value = Math.max(0, seconds);
        add(position(bucketOf(value)), 1, value);
    }

    private void add(int position, long times, long sum) {
        if (position >= counts.length) {
            reserve(position);
        }
        counts[position] += times;
        sums[position] += sum;
        count += times;
        used = Math.max(used, position + 1);
    }

    /** Room up to {@code position}, grown once: the arrays are copied as they grow. */
    private void reserve(int position) {
        if (position >= counts.length) {
            int length = Math.max(position + 1, counts.length * 2);
            counts = Arrays.copyOf(counts, length);
            sums = Arrays.copyOf(sums, length);
        }
    }

    void addAll(DurationHistogram other) {
        for (int position = other.used - 1; position >= 0; position--) {
            if (other.counts[position] != 0) {
                add(position, other.counts[position], other.sums[position]);
            }
        }
    }

    /** Adds the entries of an encoded histogram. */
    void addEncoded(String encoded) {
        addEncoded(encoded, this, null, null);
    }

    /**
     * Adds the entries of an encoded histogram to each of the (non-null) histograms given, read once: a year of daily
     * rows merges into a period's histograms without a histogram per row. Returns how many durations it held.
     */
    static long addEncoded(String encoded, DurationHistogram first, DurationHistogram second, DurationHistogram third) {
        if (encoded == null || encoded.isEmpty()) {
            return 0;
        }
        // entries come in bucket order: the last one's bucket sizes the histograms once, before the first entry
        int last = position(bucketOf(leadingNumber(encoded, encoded.lastIndexOf(',') + 1)));
        first.reserve(last);
        if (second != null) {
            second.reserve(last);
        }
        if (third != null) {
            third.reserve(last);
        }
        long added = 0;
        int length = encoded.length();
        long bucket = 0;
        long times = 0;
        int field = 0;
        long value = 0;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? encoded.charAt(i) : ',';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
            } else if (c == ':') {
                if (field++ == 0) {
                    bucket = value;
                } else {
                    times = value;
                }
                value = 0;
            } else if (c == ',') {
                if (field == 2) {
                    int position = position(bucketOf(bucket));
                    first.add(position, times, value);
                    if (second != null) {
                        second.add(position, times, value);
                    }
                    if (third != null) {
                        third.add(position, times, value);
                    }
                    added += times;
                }
                field = 0;
                value = 0;
            }
        }
        return added;
    }

    /** The digits of {@code text} from {@code from} up to the first character that is not one. */
    private static long leadingNumber(String text, int from) {
        long value = 0;
        for (int i = from; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
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
        for (int position = 0; position < used; position++) {
            if (counts[position] != 0) {
                if (!text.isEmpty()) {
                    text.append(',');
                }
                text.append(bucketAt(position)).append(':').append(counts[position]).append(':').append(sums[position]);
            }
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
        for (int position = 0; position < used; position++) {
            seen += counts[position];
            if (counts[position] != 0 && seen >= rank) {
                return Math.round((double) sums[position] / counts[position]);
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + count);
    }
}
