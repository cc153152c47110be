package ke.co.datacare.whatsapp.chatbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The bot's table on the local PostgreSQL, created by its migration in a database of its own. */
class BotConversationTableTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "bot_conversation_" + UUID.randomUUID().toString().replace("-", "");
    private static JdbcTemplate jdbc;

    private final AtomicInteger reads = new AtomicInteger();
    private final BotConversationTable table = new BotConversationTable(new JdbcTemplate(jdbc.getDataSource()) {
        @Override
        public void query(String sql, RowCallbackHandler rows, Object... args) {
            reads.incrementAndGet();
            super.query(sql, rows, args);
        }
    });

    @BeforeAll
    static void createDatabase() throws Exception {
        new JdbcTemplate(new DriverManagerDataSource(SERVER + "postgres", "postgres", "")).execute("create database " + DATABASE);
        jdbc = new JdbcTemplate(new DriverManagerDataSource(SERVER + DATABASE, "postgres", ""));
        jdbc.execute(Files.readString(Path.of("../app/src/main/resources/db/migration/V107__bot_conversations.sql")));
    }

    @AfterAll
    static void dropDatabase() {
        new JdbcTemplate(new DriverManagerDataSource(SERVER + "postgres", "postgres", ""))
                .execute("drop database if exists " + DATABASE + " with (force)");
    }

    @Test
    void what_the_bot_remembers_comes_back_as_it_was_kept() {
        ConversationId known = conversation();
        ConversationId unknown = conversation();
        BotConversation remembered = BotConversation.started().saw("wamid.1").withPeople().snoozedUntilLater()
                .remembering(new ConversationContext("complaint", 2, 3, "order_number", LocalDate.of(2026, 11, 25)));

        table.put(known, remembered);
        table.put(unknown, BotConversation.unseen().saw("wamid.2"));

        assertThat(table.find(known)).contains(remembered);
        assertThat(table.find(unknown)).contains(BotConversation.unseen().saw("wamid.2"));
        assertThat(table.find(conversation())).isEmpty();
    }

    @Test
    void a_batch_reads_its_conversations_once_and_writes_what_it_changed_when_it_commits() {
        ConversationId earlier = conversation();
        ConversationId fresh = conversation();
        table.put(earlier, BotConversation.started());
        reads.set(0);
        List<EventMessage<?>> events = List.of(event(earlier), event(fresh), event(earlier));
        List<Long> rowsDuringTheBatch = new ArrayList<>();

        new BatchingUnitOfWork<>(events).executeWithResult(() -> {
            ConversationId id = ConversationId.of(((DomainEventMessage<?>) CurrentUnitOfWork.get().getMessage())
                    .getAggregateIdentifier());
            BotConversation conversation = table.find(id).orElseGet(BotConversation::unseen);
            table.put(id, conversation.saw("wamid." + ((DomainEventMessage<?>) CurrentUnitOfWork.get().getMessage())
                    .getSequenceNumber()));
            rowsDuringTheBatch.add(jdbc.queryForObject("select count(*) from bot_conversation where conversation_id = ?",
                    Long.class, fresh.value()));
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(reads).hasValue(1);
        assertThat(rowsDuringTheBatch).containsOnly(0L);
        assertThat(table.find(earlier)).contains(BotConversation.started().saw("wamid.2"));
        assertThat(table.find(fresh)).contains(BotConversation.unseen().saw("wamid.1"));
    }

    private static ConversationId conversation() {
        return ConversationId.of(UUID.randomUUID().toString());
    }

    private int sequence;

    private EventMessage<?> event(ConversationId conversationId) {
        return new GenericDomainEventMessage<>("Conversation", conversationId.value(), sequence++, "payload");
    }
}
