package ke.co.datacare.whatsapp.app.operations;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import ke.co.datacare.whatsapp.command.graph.InProcessThrottleBuckets;
import ke.co.datacare.whatsapp.command.graph.ThrottleBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Duration;
import java.util.List;
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
        return new RedisThrottleBuckets(new RedisBuckets(redisUrl, Duration.ofMillis(250), Duration.ofSeconds(10)), prefix,
                new InProcessThrottleBuckets());
    }

    record RedisThrottleBuckets(RedisBuckets redis, String prefix, ThrottleBuckets fallback) implements ThrottleBuckets {

        @Override
        public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
            return redis.bucket(prefix + key, configuration);
        }

        @Override
        public List<ConsumptionProbe> takeOneOfEach(List<String> keys, Supplier<BucketConfiguration> configuration) {
            return redis.takeOneOfEach(keys.stream().map(key -> prefix + key).toList(), configuration);
        }
    }
}
