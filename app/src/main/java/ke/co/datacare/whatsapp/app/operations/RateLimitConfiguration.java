package ke.co.datacare.whatsapp.app.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        RedisBuckets shared = redis ? new RedisBuckets(redisUrl, Duration.ofMillis(500), Duration.ofMillis(properties.windowMs()))
                : null;
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(properties, shared, json));
        registration.setOrder(0);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
