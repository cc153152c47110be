package ke.co.datacare.whatsapp.app.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /** Runs after the security filters (order -100), so the caller is known. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimitProperties properties, ObjectMapper json,
                                                            @Value("${datacare.redis.enabled:false}") boolean redis,
                                                            @Value("${spring.data.redis.url:redis://127.0.0.1:6379}") String redisUrl) {
        ProxyManager<byte[]> shared = null;
        if (redis) {
            RedisClient client = RedisClient.create(redisUrl);
            client.setDefaultTimeout(Duration.ofMillis(500));
            shared = Bucket4jLettuce.casBasedBuilder(client.connect(ByteArrayCodec.INSTANCE))
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            Duration.ofMillis(properties.windowMs())))
                    .build();
        }
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(properties, shared, json));
        registration.setOrder(0);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
