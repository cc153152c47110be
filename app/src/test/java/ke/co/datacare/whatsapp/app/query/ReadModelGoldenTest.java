package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The golden read models: a fixed history ({@link GoldenEventMix}) handled by the query side's event processors leaves
 * exactly the rows of {@code golden/read-models.txt}. Any restructuring of the projections must leave them unchanged;
 * a change of what the read models hold is a deliberate new golden file ({@code -Dgolden.update=true} writes it).
 */
@Import(ReadModelGoldenTest.OwnDatabase.class)
class ReadModelGoldenTest extends IntegrationTest {

    /** The processors that write the read models. */
    static final List<String> READ_MODEL_PROCESSORS = List.of("inbox", "analytics", "campaigns");
    static final Path GOLDEN = Path.of("src/test/resources/golden/read-models.txt");

    private static final TestDatabase.Own DATABASE = new TestDatabase.Own("golden");

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnDatabase {
        @Bean
        @Primary
        DataSource ownDataSource() {
            return DATABASE.dataSource();
        }
    }

    @Autowired
    EventStorageEngine storage;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_read_models_of_the_golden_history_are_exactly_the_golden_rows() throws IOException {
        // only the read-model processors may act on the history: no sends, no sagas, no bot answers
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        transactions.executeInTransaction(() -> storage.appendEvents(GoldenEventMix.events()));
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        READ_MODEL_PROCESSORS.forEach(name -> processing.eventProcessors().get(name).start());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> READ_MODEL_PROCESSORS.stream().allMatch(name -> caughtUp(name, head)));

        assertThat(ReadModelDump.tablesByName(jdbc)).as("every read-model table is dumped")
                .containsExactlyInAnyOrderElementsOf(ReadModelDump.TABLES);
        List<String> dump = ReadModelDump.of(jdbc);
        if (Boolean.getBoolean("golden.update")) {
            Files.write(GOLDEN, dump, StandardCharsets.UTF_8);
        }
        assertThat(dump).containsExactlyElementsOf(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
    }

    private boolean caughtUp(String name, long head) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        int segments = processing.tokenStore(name).fetchSegments(name).length;
        return status.size() == segments && status.values().stream().allMatch(segment -> !segment.isErrorState()
                && segment.getCurrentPosition().orElse(-1) >= head);
    }
}
