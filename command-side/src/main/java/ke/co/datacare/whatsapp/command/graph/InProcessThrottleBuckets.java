package ke.co.datacare.whatsapp.command.graph;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Buckets in this JVM, right for a single instance. The least recently used buckets are dropped beyond
 * {@code maxBuckets}; a dropped per-recipient bucket has long been refilled, so dropping it changes nothing.
 */
public class InProcessThrottleBuckets implements ThrottleBuckets {

    static final int DEFAULT_MAX_BUCKETS = 100_000;

    private final TimeMeter time;
    private final Map<String, Bucket> buckets;

    public InProcessThrottleBuckets() {
        this(TimeMeter.SYSTEM_NANOTIME, DEFAULT_MAX_BUCKETS);
    }

    public InProcessThrottleBuckets(TimeMeter time, int maxBuckets) {
        this.time = time;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxBuckets;
            }
        };
    }

    @Override
    public synchronized Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.computeIfAbsent(key, ignored -> create(configuration.get()));
    }

    private Bucket create(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }
}
