package ke.co.datacare.whatsapp.app.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Email notifications: on only when an SMTP server is configured ({@code SMTP_HOST}); otherwise nothing is queued or
 * sent and the log says so once at start-up. Delivery and the daily digest are recurring db-scheduler tasks, so one
 * instance at a time runs each, and they survive restarts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    @ConditionalOnProperty("spring.mail.host")
    NotificationTriggers notificationTriggers(NotificationRecipients recipients, NotificationOutbox outbox,
                                              JdbcTemplate jdbc, NotificationProperties properties) {
        return new NotificationTriggers(recipients, outbox, jdbc, properties);
    }

    /** Only what happens from now on is told: a new instance does not email the history. A failing batch is retried. */
    @Autowired
    void notificationsStartAtHead(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessorConfiguration(NotificationTriggers.GROUP,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
        processing.registerListenerInvocationErrorHandler(NotificationTriggers.GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    RecurringTask<Void> notificationDelivery(ObjectProvider<JavaMailSender> mail, NotificationOutbox outbox,
                                             NotificationProperties properties, Clock clock) {
        Optional<MailDelivery> delivery = Optional.ofNullable(mail.getIfAvailable())
                .map(sender -> new MailDelivery(outbox, sender, properties, clock));
        if (delivery.isEmpty()) {
            log.info("Email notifications are off: no SMTP server is configured (SMTP_HOST)");
        }
        return Tasks.recurring("notification-delivery", FixedDelay.of(properties.pollInterval()))
                .execute((instance, context) -> delivery.ifPresent(MailDelivery::deliverDue));
    }

    @Bean
    RecurringTask<Void> notificationDigest(ObjectProvider<JavaMailSender> mail, DailyDigest digest,
                                           NotificationProperties properties) {
        return Tasks.recurring("notification-daily-digest", new Daily(DailyDigest.NAIROBI, properties.digestAt()))
                .execute((instance, context) -> {
                    if (mail.getIfAvailable() != null) {
                        digest.queue();
                    }
                });
    }

    @Bean
    NotificationsHealth notificationsHealthIndicator(NotificationOutbox outbox,
                                                     @Value("${datacare.health.db-timeout:1500ms}") Duration timeout) {
        return new NotificationsHealth(outbox, timeout);
    }

    @Bean
    DailyDigest dailyDigest(QueryGateway queries, NotificationRecipients recipients, NotificationOutbox outbox,
                            Clock clock) {
        return new DailyDigest(queries, recipients, outbox, clock);
    }
}
