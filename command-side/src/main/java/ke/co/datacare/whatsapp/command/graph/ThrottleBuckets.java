package ke.co.datacare.whatsapp.command.graph;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where the throttle's buckets live. {@link InProcessThrottleBuckets} keeps them in this JVM; with several
 * instances, an implementation backed by a bucket4j-redis (Lettuce) {@code ProxyManager} shares them, and names
 * in-process buckets as its {@link #fallback()} for the time its store cannot be reached.
 */
public interface ThrottleBuckets {

    /**
     * The bucket under {@code key}, created with {@code configuration} when it does not exist yet.
     */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);

    /**
     * One token of each bucket under {@code keys} (created with {@code configuration} where missing), a probe per key
     * in their order. A store across the network asks for all of them at once, not one round trip after another.
     */
    default List<ConsumptionProbe> takeOneOfEach(List<String> keys, Supplier<BucketConfiguration> configuration) {
        return keys.stream().map(key -> bucket(key, configuration).tryConsumeAndReturnRemaining(1)).toList();
    }

    /** Where to take permits when taking them here fails; itself when there is no such place. */
    default ThrottleBuckets fallback() {
        return this;
    }
}
