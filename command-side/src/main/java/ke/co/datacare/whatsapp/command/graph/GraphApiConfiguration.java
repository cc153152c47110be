package ke.co.datacare.whatsapp.command.graph;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GraphApiProperties.class, BusinessNumberProperties.class})
public class GraphApiConfiguration {

    @Bean
    BusinessNumbers businessNumbers(GraphApiProperties properties, BusinessNumberProperties numbers) {
        return new BusinessNumbers(properties, numbers);
    }

    @Bean
    GraphApiClient graphApiClient(GraphApiProperties properties, BusinessNumbers businessNumbers,
                                  RestClient.Builder restClientBuilder) {
        return new GraphApiClient(properties, businessNumbers, restClientBuilder);
    }

    /** Replace this bean with a Redis-backed one when several instances send from the same number. */
    @Bean
    ThrottleBuckets throttleBuckets() {
        return new InProcessThrottleBuckets();
    }

    @Bean
    SendThrottle sendThrottle(GraphApiProperties properties, BusinessNumberProperties numbers,
                              ThrottleBuckets throttleBuckets, BusinessNumbers businessNumbers) {
        return new SendThrottle(ThrottleLimits.from(properties, numbers), throttleBuckets,
                businessNumbers::messagesPerSecond);
    }
}
