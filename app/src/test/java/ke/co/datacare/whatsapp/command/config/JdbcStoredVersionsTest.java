package ke.co.datacare.whatsapp.command.config;

import ke.co.datacare.whatsapp.app.support.TestDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored versions of a batch's aggregates, read in one statement from the JDBC event table on PostgreSQL. */
class JdbcStoredVersionsTest {

    private final DriverManagerDataSource database = new DriverManagerDataSource(
            TestDatabase.create("datacare_versions_" + Long.toHexString(System.nanoTime())), TestDatabase.USER, "");
    private final EventSchema schema = EventSchema.builder().eventTable("domain_event_entry")
            .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number").build();
    private final JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
            .connectionProvider(database::getConnection).transactionManager(NoTransactionManager.INSTANCE)
            .eventSerializer(JacksonSerializer.defaultSerializer()).snapshotSerializer(JacksonSerializer.defaultSerializer())
            .schema(schema).build();

    @Test
    void each_aggregate_gets_its_last_sequence_number_and_one_never_stored_gets_none() {
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        append("conversation-1", 3);
        append("contact-1", 1);

        Map<String, Long> versions = new JdbcStoredVersions(new JdbcTemplate(database), schema)
                .lastSequenceNumbers(List.of("conversation-1", "contact-1", "conversation-never-started"));

        assertThat(versions).containsExactlyInAnyOrderEntriesOf(Map.of("conversation-1", 2L, "contact-1", 0L));
        assertThat(versions.get("conversation-1")).isEqualTo(engine.lastSequenceNumberFor("conversation-1").orElseThrow());
    }

    @Test
    void more_aggregates_than_one_statement_takes_are_read_in_chunks() {
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        List<String> many = IntStream.range(0, 1_200).mapToObj(i -> "contact-" + i).toList();
        append("contact-1199", 2);

        assertThat(new JdbcStoredVersions(new JdbcTemplate(database), schema).lastSequenceNumbers(many))
                .containsExactlyEntriesOf(Map.of("contact-1199", 1L));
    }

    private void append(String aggregate, int events) {
        engine.appendEvents(IntStream.range(0, events).mapToObj(sequence -> new GenericDomainEventMessage<>(
                "Ticket", aggregate, sequence, "event " + sequence)).toList());
    }
}
