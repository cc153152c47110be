package ke.co.datacare.whatsapp.command.graph;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessThrottleBucketsTest {

    private static final BucketConfiguration ONE_PER_MINUTE = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(1).refillGreedy(1, Duration.ofMinutes(1)))
            .build();

    private final InProcessThrottleBuckets buckets = new InProcessThrottleBuckets(new ManualTime(), 2);

    @Test
    void gives_the_same_bucket_for_the_same_key() {
        Bucket first = buckets.bucket("pair:1:254712345678", () -> ONE_PER_MINUTE);

        assertThat(first.tryConsume(1)).isTrue();
        assertThat(buckets.bucket("pair:1:254712345678", () -> ONE_PER_MINUTE).tryConsume(1)).isFalse();
    }

    @Test
    void forgets_the_least_recently_used_bucket_beyond_its_size() {
        buckets.bucket("a", () -> ONE_PER_MINUTE).tryConsume(1);
        buckets.bucket("b", () -> ONE_PER_MINUTE).tryConsume(1);
        buckets.bucket("a", () -> ONE_PER_MINUTE);

        buckets.bucket("c", () -> ONE_PER_MINUTE);

        assertThat(buckets.bucket("a", () -> ONE_PER_MINUTE).getAvailableTokens()).isZero();
        assertThat(buckets.bucket("b", () -> ONE_PER_MINUTE).getAvailableTokens()).isEqualTo(1);
    }
}
