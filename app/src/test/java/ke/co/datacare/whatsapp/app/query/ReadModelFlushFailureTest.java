package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure while the read models' batch is written (not in one event's handler) must not hold the processor at the
 * same position for ever: a customer text with a NUL character passes every handler, but PostgreSQL refuses it in
 * the batch's writes. The batch is handled again event by event: that one event is parked in the dead-letter queue
 * and the rest of the batch is applied in every read model, once.
 */
@Import(OwnDatabase.class)
@DirtiesContext
class ReadModelFlushFailureTest extends IntegrationTest {

    @Autowired
    EventStorageEngine storage;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_text_postgresql_refuses_when_the_batch_is_written_is_parked_and_the_rest_of_the_batch_is_applied() {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        Instant at = Instant.parse("2026-12-06T08:00:00Z");
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String conversation = "conv-flush-" + i;
            String text = i == 17 ? "Habari\u0000 yako" : "Habari " + i;
            ConversationId id = ConversationId.of(conversation);
            events.add(new GenericDomainEventMessage<>("Conversation", conversation, 0, new ConversationStarted(id,
                    ContactId.of("contact-flush-" + i), "110000000000001", at), MetaData.emptyInstance(),
                    "flush-start-" + i, at));
            events.add(new GenericDomainEventMessage<>("Conversation", conversation, 1, new TextMessageReceived(id,
                    "wamid.flush-" + i, at.plusSeconds(i), text, null, null), MetaData.emptyInstance(),
                    "flush-event-" + i, at.plusSeconds(i)));
        }
        transactions.executeInTransaction(() -> storage.appendEvents(events));
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);

        processing.eventProcessors().get(ReadModels.GROUP).start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> processing
                .eventProcessor(ReadModels.GROUP, StreamingEventProcessor.class).orElseThrow().processingStatus()
                .values().stream().allMatch(segment -> !segment.isErrorState()
                        && segment.getCurrentPosition().orElse(-1) >= head) && parked() > 0);
        assertThat(jdbc.queryForList("select event_identifier from dead_letter_entry where processing_group = ?",
                String.class, ReadModels.GROUP)).containsExactly("flush-event-17");
        assertThat(jdbc.queryForObject("select count(*) from timeline_message where wamid like 'wamid.flush-%'",
                Integer.class)).isEqualTo(39);
        assertThat(jdbc.queryForObject("select count(*) from timeline_message where wamid = 'wamid.flush-17'",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from inbox_conversation where conversation_id like "
                + "'conv-flush-%' and unread_count = 1", Integer.class)).isEqualTo(39);
        assertThat(jdbc.queryForObject("select unread_count from inbox_conversation where conversation_id = "
                + "'conv-flush-17'", Integer.class)).as("its conversation started; the refused text is not applied")
                .isZero();
        assertThat(jdbc.queryForObject("select coalesce(sum(messages), 0) from analytics_inbound_daily",
                Long.class)).as("each applied message counted once").isEqualTo(39);
    }

    private int parked() {
        return jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?", Integer.class,
                ReadModels.GROUP);
    }
}
