package ke.co.datacare.whatsapp.chatbot.retry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

    @Bean
    RetryPolicy retryPolicy(@Value("${datacare.retry.max-attempts:6}") int maxAttempts,
                            @Value("${datacare.retry.max-age:24h}") Duration maxAge) {
        return new RetryPolicy(maxAttempts, maxAge);
    }
}
