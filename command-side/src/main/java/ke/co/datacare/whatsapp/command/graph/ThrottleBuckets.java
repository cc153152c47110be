package ke.co.datacare.whatsapp.command.graph;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

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

    /** Where to take permits when taking them here fails; itself when there is no such place. */
    default ThrottleBuckets fallback() {
        return this;
    }
}
