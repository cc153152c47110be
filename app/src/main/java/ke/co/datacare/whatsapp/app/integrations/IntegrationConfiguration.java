package ke.co.datacare.whatsapp.app.integrations;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import ke.co.datacare.whatsapp.app.notifications.AdminNotices;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Signed outbound webhooks: the feed (in the reactions processor, from the head of the stream, never replayed: a new
 * endpoint gets what happens after it was registered) and the delivery task (db-scheduler, one
 * instance at a time).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrationProperties.class)
class IntegrationConfiguration {

    @Bean
    EndpointAddressPolicy endpointAddressPolicy(IntegrationProperties properties) {
        return new EndpointAddressPolicy(properties);
    }

    @Bean
    IntegrationFeed integrationFeed(IntegrationEndpoints endpoints, IntegrationDeliveries deliveries) {
        return new IntegrationFeed(endpoints, deliveries);
    }

    @Bean
    EndpointDelivery endpointDelivery(IntegrationEndpoints endpoints, IntegrationDeliveries deliveries,
                                      EndpointAddressPolicy addresses, IntegrationProperties properties,
                                      AdminNotices notices, Clock clock) {
        return new EndpointDelivery(endpoints, deliveries, addresses, properties, notices, clock);
    }

    @Bean
    RecurringTask<Void> integrationDelivery(EndpointDelivery delivery, IntegrationProperties properties) {
        return Tasks.recurring("integration-webhook-delivery", FixedDelay.of(properties.pollInterval()))
                .execute((instance, context) -> delivery.deliverDue());
    }
}
