package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.command.config.PeriodicTask;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.contact.ContactIdDerivation;
import ke.co.datacare.whatsapp.command.webhook.WebhookBodyRedaction;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The event serializer: Axon's Jackson serializer (the application's object mapper, revisions from {@code @Revision})
 * with personal data encrypted per contact and instants read and written without {@code DateTimeFormatter}
 * ({@link IsoInstants}, on a copy of the mapper). Being Axon's {@code eventSerializer}, it serves the event store,
 * snapshots, every event processor and the bulk rebuild of the read models alike.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataProtectionProperties.class)
class DataProtectionConfiguration {

    @Bean
    DataKeys dataKeys(JdbcTemplate jdbc, Clock clock, DataProtectionProperties properties) {
        return new DataKeys(jdbc, MasterKey.from(properties), MasterKey.previous(properties), clock, properties);
    }

    /** New contacts' ids, keyed, so that nobody can compute them from a number without the key. */
    @Bean
    ContactIdDerivation contactIdDerivation(DataProtectionProperties properties) {
        return KeyedContactIds.from(properties);
    }

    /** A conversation's personal data is its contact's: encrypted with the contact's key when the owner is known. */
    @Bean
    KeySubjects keySubjects(ContactDirectory directory) {
        return subject -> {
            if (subject instanceof ConversationId conversation) {
                ContactDirectory.ConversationOwner owner = directory.owner(conversation);
                return owner == null ? conversation.value() : owner.contactId().value();
            }
            return subject.toString();
        };
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper json, DataKeys keys, KeySubjects subjects) {
        JacksonSerializer jackson = JacksonSerializer.builder().objectMapper(IsoInstants.on(json))
                .revisionResolver(new AnnotationRevisionResolver()).build();
        return new PersonalDataSerializer(jackson, keys, subjects);
    }

    @Bean
    DataRetention dataRetention(WebhookBodyRedaction webhookBodies, EventGateway events, JdbcTemplate jdbc,
                                PlatformTransactionManager transactions, DataProtectionProperties properties,
                                Clock clock) {
        return new DataRetention(webhookBodies, events, jdbc, new TransactionTemplate(transactions), properties, clock);
    }

    @Bean
    PeriodicTask dataRetentionTask(DataRetention retention, DataProtectionProperties properties) {
        return new PeriodicTask("data-retention", properties.retentionInterval(), retention::apply);
    }

    @Bean
    ExportGuard exportGuard(AuditLog audit, DataProtectionProperties properties,
                            @Qualifier("eventSerializer") Serializer eventSerializer, ObjectMapper json,
                            ContactDirectory directory) {
        return new ExportGuard(audit, Pseudonyms.from(properties), (PersonalDataSerializer) eventSerializer, json,
                directory);
    }
}
