package ke.co.datacare.whatsapp.app.config;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC storage engine on our Flyway-managed tables (snake_case names, bytea payloads). Used
 * when Axon Server is disabled; with {@code axon.axonserver.enabled=true} events go to Axon Server
 * and these tables keep tokens, sagas and dead letters.
 */
@Configuration(proxyBeanMethods = false)
class AxonStorageConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number").typeColumn("type").payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision").payloadColumn("payload").metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry").setProcessorNameColumn("processor_name").setSegmentColumn("segment")
                .setTokenColumn("token").setTokenTypeColumn("token_type").setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry").associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id").sagaTypeColumn("saga_type").revisionColumn("revision")
                .serializedSagaColumn("serialized_saga").associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry").deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group").sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index").messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier").timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
                .payloadColumn("payload").metaDataColumn("meta_data").aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type").tokenColumn("token").enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched").processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type").causeMessageColumn("cause_message").diagnosticsColumn("diagnostics")
                .build();
    }
}
