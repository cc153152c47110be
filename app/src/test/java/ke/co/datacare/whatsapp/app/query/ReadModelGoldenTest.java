package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The golden read models: a fixed history ({@link GoldenEventMix}) handled by the query side's event processors leaves
 * exactly the rows of {@code golden/read-models.txt}. Any restructuring of the projections must leave them unchanged;
 * a change of what the read models hold is a deliberate new golden file ({@code -Dgolden.update=true} writes it).
 * The bulk rebuild of every read model from the same history leaves the same rows; it runs in chunks of 7 events,
 * the first 70 events folded in memory across their chunks and written at once, the rest chunk by chunk, so that
 * rows are carried and changed across many chunk boundaries in memory, then read back and changed across many in the
 * tables (a message queued in one chunk and accepted in the next, a conversation opened in one and resolved in
 * another), as well as within a chunk.
 */
@Import(ReadModelGoldenTest.OwnDatabase.class)
@TestPropertySource(properties = {"datacare.rebuild.chunk-events=7", "datacare.rebuild.fold-events=70"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelGoldenTest extends IntegrationTest {

    /** The processor that writes the read models. */
    static final List<String> READ_MODEL_PROCESSORS = List.of(ReadModels.GROUP);
    static final Path GOLDEN = Path.of("src/test/resources/golden/read-models.txt");

    /** A database of each application context's own (this class's, and each subclass's with other settings). */
    @TestConfiguration(proxyBeanMethods = false)
    static class OwnDatabase {
        @Bean
        @Primary
        DataSource ownDataSource() {
            return new TestDatabase.Own("golden").dataSource();
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

    @LocalServerPort
    int port;

    /** The golden history, handled once per database by the read-model processors alone (no sends, sagas or bot). */
    @BeforeEach
    void theGoldenHistoryHandled() {
        if (jdbc.queryForObject("select count(*) from domain_event_entry", Long.class) == 0) {
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            transactions.executeInTransaction(() -> storage.appendEvents(GoldenEventMix.events()));
            READ_MODEL_PROCESSORS.forEach(name -> processing.eventProcessors().get(name).start());
        }
        awaitCaughtUp();
    }

    private long head() {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
    }

    private void awaitCaughtUp() {
        long head = head();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> READ_MODEL_PROCESSORS.stream().allMatch(name -> caughtUp(name, head)));
    }

    @Test
    @Order(1)
    void the_read_models_of_the_golden_history_are_exactly_the_golden_rows() throws IOException {
        assertThat(ReadModelDump.tablesByName(jdbc)).as("every read-model table is dumped")
                .containsExactlyInAnyOrderElementsOf(ReadModelDump.TABLES);
        List<String> dump = ReadModelDump.of(jdbc);
        if (Boolean.getBoolean("golden.update")) {
            Files.write(GOLDEN, dump, StandardCharsets.UTF_8);
        }
        assertThat(dump).containsExactlyElementsOf(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    @Order(3)
    void a_cancelled_rebuild_leaves_the_live_tables_untouched_and_once_resumed_ends_with_the_golden_rows()
            throws IOException {
        ServiceClient client = new ServiceClient(port, APP_SECRET);
        String token = client.login(SignedInTest.ADMIN_EMAIL, SignedInTest.ADMIN_PASSWORD);
        // the live rows go wrong; they stay so until a rebuild is swapped in
        jdbc.update("update inbox_conversation set unread_count = 99");
        List<String> live = ReadModelDump.of(jdbc);

        assertThat(client.post("/api/admin/projections/rebuild", token, "").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> rebuild(client, token).path("position").asLong() > 0);
        assertThat(client.delete("/api/admin/projections/rebuild", token).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> "cancelled".equals(rebuild(client, token).path("status").asText()));
        long stoppedAt = rebuild(client, token).path("position").asLong();
        assertThat(stoppedAt).as("stopped midway").isBetween(1L, head() - 1);
        assertThat(ReadModelDump.of(jdbc)).as("the live tables are untouched").isEqualTo(live);

        HttpResponse<String> resumed = client.post("/api/admin/projections/rebuild", token, "");
        assertThat(resumed.statusCode()).isEqualTo(202);
        assertThat(client.read(resumed.body()).path("position").asLong()).as("resumed where it stopped")
                .isEqualTo(stoppedAt);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "done".equals(rebuild(client, token).path("status").asText()));
        assertThat(ReadModelDump.of(jdbc)).containsExactlyElementsOf(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
    }

    private static JsonNode rebuild(ServiceClient client, String token) {
        return client.read(client.get("/api/admin/projections/rebuild", token).body());
    }

    @Test
    @Order(4)
    void the_bulk_rebuild_leaves_the_golden_rows_and_live_processing_continues_after_it() throws IOException {
        ServiceClient client = new ServiceClient(port, APP_SECRET);
        String token = client.login(SignedInTest.ADMIN_EMAIL, SignedInTest.ADMIN_PASSWORD);
        String conversation = jdbc.queryForObject("select conversation_id from inbox_conversation where status = "
                + "'resolved'", String.class);
        int unread = jdbc.queryForObject("select unread_count from inbox_conversation where conversation_id = ?",
                Integer.class, conversation);
        // the live rows go wrong; the rebuild must not copy them but build them from the events
        jdbc.update("update inbox_conversation set unread_count = 99");
        jdbc.update("delete from timeline_message");

        HttpResponse<String> started = client.post("/api/admin/projections/rebuild", token, "");
        assertThat(started.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "done".equals(client.read(client.get("/api/admin/projections/rebuild", token).body())
                        .path("status").asText()));
        JsonNode progress = client.read(client.get("/api/admin/projections/rebuild", token).body());
        assertThat(progress.path("percent").asDouble()).isEqualTo(100.0);
        assertThat(progress.path("position").asLong()).isEqualTo(head());

        assertThat(ReadModelDump.of(jdbc)).containsExactlyElementsOf(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
        assertThat(jdbc.queryForObject("select count(*) from information_schema.schemata where schema_name like "
                + "'rebuild%'", Integer.class)).as("no schema left behind").isZero();

        // the processors continue after the last event the rebuild handled: a new message counts once
        long sequence = jdbc.queryForObject("select max(sequence_number) + 1 from domain_event_entry where "
                + "aggregate_identifier = ?", Long.class, conversation);
        Instant at = Instant.parse("2026-11-03T08:00:00Z");
        transactions.executeInTransaction(() -> storage.appendEvents(List.of(new GenericDomainEventMessage<>(
                "Conversation", conversation, sequence, new TextMessageReceived(ConversationId.of(conversation),
                "wamid.after-rebuild", at, "Bado haifanyi kazi", null, null), MetaData.emptyInstance(),
                "after-rebuild-event", at))));
        awaitCaughtUp();
        assertThat(jdbc.queryForObject("select unread_count from inbox_conversation where conversation_id = ?",
                Integer.class, conversation)).isEqualTo(unread + 1);
        assertThat(jdbc.queryForObject("select count(*) from timeline_message where wamid = 'wamid.after-rebuild'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void a_rebuild_of_an_unknown_group_is_a_404_problem_and_changes_nothing() throws IOException {
        ServiceClient client = new ServiceClient(port, APP_SECRET);
        String token = client.login(SignedInTest.ADMIN_EMAIL, SignedInTest.ADMIN_PASSWORD);
        List<String> before = ReadModelDump.of(jdbc);

        HttpResponse<String> response = client.post("/api/admin/projections/no-such-group/rebuild", token, "");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.read(response.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(ReadModelDump.of(jdbc)).isEqualTo(before);
    }

    private boolean caughtUp(String name, long head) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        int segments = processing.tokenStore(name).fetchSegments(name).length;
        return status.size() == segments && status.values().stream().allMatch(segment -> !segment.isErrorState()
                && segment.getCurrentPosition().orElse(-1) >= head);
    }
}
