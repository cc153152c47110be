package ke.co.datacare.whatsapp.app.operations;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import ke.co.datacare.whatsapp.command.graph.InProcessThrottleBuckets;
import ke.co.datacare.whatsapp.command.graph.ThrottleBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * With Redis, the send throttle's buckets (per business number, per recipient, the campaigns' share) live in
 * Redis, so every instance sending from a number takes its permits from the same buckets and Meta's limits hold
 * for all of them together. While Redis cannot be reached, each instance keeps the limits on its own.
 * {@code datacare.whatsapp.throttle.shared=false} keeps them in process even with Redis.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = {"datacare.redis.enabled", "datacare.whatsapp.throttle.shared"}, havingValue = "true",
        matchIfMissing = false)
class SharedThrottleConfiguration {

    @Bean
    @Primary
    ThrottleBuckets sharedThrottleBuckets(@Value("${spring.data.redis.url:redis://127.0.0.1:6379}") String redisUrl,
                                          @Value("${datacare.whatsapp.throttle.key-prefix:datacare:throttle:}") String prefix) {
        RedisClient client = RedisClient.create(redisUrl);
        client.setDefaultTimeout(Duration.ofMillis(250));
        return new RedisThrottleBuckets(client, prefix);
    }

    /**
     * Connects on first use, so that the service starts without Redis; after a failed connection it tries again
     * at most every {@link #RECONNECT_PAUSE} (Lettuce reconnects by itself once connected).
     */
    static final class RedisThrottleBuckets implements ThrottleBuckets {

        private static final long RECONNECT_PAUSE = Duration.ofSeconds(5).toNanos();

        private final RedisClient client;
        private final String prefix;
        private final ThrottleBuckets fallback = new InProcessThrottleBuckets();
        private volatile ProxyManager<byte[]> redis;
        private long nextAttempt;

        RedisThrottleBuckets(RedisClient client, String prefix) {
            this.client = client;
            this.prefix = prefix;
        }

        @Override
        public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
            return redis().builder().build((prefix + key).getBytes(StandardCharsets.UTF_8), configuration);
        }

        @Override
        public ThrottleBuckets fallback() {
            return fallback;
        }

        private ProxyManager<byte[]> redis() {
            ProxyManager<byte[]> connected = redis;
            return connected != null ? connected : connect();
        }

        private synchronized ProxyManager<byte[]> connect() {
            if (redis == null) {
                if (System.nanoTime() - nextAttempt < 0) {
                    throw new IllegalStateException("Redis is unreachable; next connection attempt in a few seconds");
                }
                try {
                    redis = Bucket4jLettuce.casBasedBuilder(client.connect(ByteArrayCodec.INSTANCE))
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build();
                } catch (RuntimeException e) {
                    nextAttempt = System.nanoTime() + RECONNECT_PAUSE;
                    throw e;
                }
            }
            return redis;
        }
    }
}
