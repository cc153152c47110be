package ke.co.datacare.whatsapp.command.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/** Wires the webhook intake: signature, inbox with group commit, and the dispatcher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    WebhookSignature webhookSignature(WebhookProperties properties) {
        return new WebhookSignature(properties.appSecret());
    }

    @Bean
    WebhookParser webhookParser(ObjectMapper objectMapper) {
        return new WebhookParser(objectMapper);
    }

    @Bean
    InboxSignal inboxSignal() {
        return new InboxSignal();
    }

    @Bean
    WebhookInbox webhookInbox(DataSource dataSource, Clock clock, WebhookProperties properties, InboxSignal signal) {
        return new WebhookInbox(dataSource, clock, properties, signal);
    }

    @Bean
    WebhookIntake webhookIntake(WebhookProperties properties, WebhookSignature signature, WebhookParser parser,
                                WebhookInbox inbox) {
        return new WebhookIntake(properties, signature, parser, inbox);
    }

    /** Right after the correlation id, before security, observations and the dispatcher servlet. */
    @Bean
    @ConditionalOnProperty(name = "datacare.webhook.fast-path", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<WebhookFastPath> webhookFastPath(WebhookIntake intake) {
        FilterRegistrationBean<WebhookFastPath> registration = new FilterRegistrationBean<>(new WebhookFastPath(intake));
        registration.addUrlPatterns(WebhookFastPath.PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    WebhookCommands webhookCommands(CommandGateway commandGateway, EventGateway eventGateway,
                                    ContactDirectory directory, ObjectProvider<MeterRegistry> meters) {
        return new WebhookCommands(commandGateway, eventGateway, directory,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    WebhookDispatcher webhookDispatcher(DataSource dataSource, JdbcTemplate jdbc, CommandBatch batch,
                                        WebhookParser parser, WebhookCommands commands, InboxSignal signal,
                                        WebhookProperties properties, Clock clock, WebhookInbox inbox,
                                        ContactDirectory directory) {
        return new WebhookDispatcher(dataSource, jdbc, batch, parser, commands, signal, properties, clock, inbox,
                new RememberedAggregates(directory));
    }
}
