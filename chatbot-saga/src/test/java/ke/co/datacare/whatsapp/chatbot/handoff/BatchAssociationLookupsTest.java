package ke.co.datacare.whatsapp.chatbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The handoff saga's association look-ups on the local PostgreSQL, in Axon's saga tables of a database of their own. */
class BatchAssociationLookupsTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "saga_associations_" + UUID.randomUUID().toString().replace("-", "");
    private static final String SAGA = HandoffSaga.class.getName();
    private static JdbcTemplate jdbc;

    private final AtomicInteger queries = new AtomicInteger();
    private final List<AssociationValue> askedTheStore = new ArrayList<>();
    private final BatchAssociationLookups lookups = new BatchAssociationLookups(new AskedStore(),
            new StaticListableBeanFactory(Map.of("jdbc", new NamedParameterJdbcTemplate(jdbc) {
                @Override
                public void query(String sql, Map<String, ?> parameters, RowCallbackHandler rows) {
                    queries.incrementAndGet();
                    super.query(sql, parameters, rows);
                }
            })).getBeanProvider(NamedParameterJdbcTemplate.class), HandoffSaga.class,
            Set.of("conversationId", HandoffSaga.ASSIGNED));

    @BeforeAll
    static void createDatabase() throws Exception {
        new JdbcTemplate(new DriverManagerDataSource(SERVER + "postgres", "postgres", "")).execute("create database " + DATABASE);
        jdbc = new JdbcTemplate(new DriverManagerDataSource(SERVER + DATABASE, "postgres", ""));
        jdbc.execute(Files.readString(Path.of("../app/src/main/resources/db/migration/V1__axon_storage.sql")));
        associate("saga-waiting", "conversationId", "conv-a");
        associate("saga-with-agent", "conversationId", "conv-b");
        associate("saga-with-agent", HandoffSaga.ASSIGNED, "conv-b");
        associate("saga-of-another-type", "conversationId", "conv-a");
    }

    private static void associate(String saga, String key, String value) {
        jdbc.update("insert into association_value_entry (association_key, association_value, saga_type, saga_id) "
                + "values (?, ?, ?, ?)", key, value,
                saga.equals("saga-of-another-type") ? "ke.co.datacare.OtherSaga" : SAGA, saga);
    }

    @AfterAll
    static void dropDatabase() {
        new JdbcTemplate(new DriverManagerDataSource(SERVER + "postgres", "postgres", ""))
                .execute("drop database if exists " + DATABASE + " with (force)");
    }

    @Test
    void a_batch_reads_the_associations_of_its_conversations_once_and_finds_each_saga_there() throws Exception {
        List<DomainEventMessage<?>> events = List.of(event("conv-a"), event("conv-b"), event("conv-c"), event("conv-b"));
        List<Set<String>> byConversation = new ArrayList<>();
        List<Set<String>> byAssignment = new ArrayList<>();

        new BatchingUnitOfWork<>(events).executeWithResult(() -> {
            String conversation = ((DomainEventMessage<?>) CurrentUnitOfWork.get().getMessage()).getAggregateIdentifier();
            byConversation.add(lookups.findSagas(HandoffSaga.class, new AssociationValue("conversationId", conversation)));
            byAssignment.add(lookups.findSagas(HandoffSaga.class, new AssociationValue(HandoffSaga.ASSIGNED, conversation)));
            return null;
        });

        assertThat(byConversation).containsExactly(Set.of("saga-waiting"), Set.of("saga-with-agent"), Set.of(),
                Set.of("saga-with-agent"));
        assertThat(byAssignment).containsExactly(Set.of(), Set.of("saga-with-agent"), Set.of(), Set.of("saga-with-agent"));
        assertThat(queries).hasValue(1);
        assertThat(askedTheStore).isEmpty();
    }

    @Test
    void a_value_the_batch_does_not_carry_and_a_look_up_outside_a_batch_go_to_the_store() throws Exception {
        new BatchingUnitOfWork<>(event("conv-a")).executeWithResult(() ->
                lookups.findSagas(HandoffSaga.class, new AssociationValue("conversationId", "conv-elsewhere")));
        DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                lookups.findSagas(HandoffSaga.class, new AssociationValue("conversationId", "conv-a")));
        lookups.findSagas(HandoffSaga.class, new AssociationValue("messageId", "conv-a"));

        assertThat(askedTheStore).extracting(AssociationValue::getValue).containsExactly("conv-elsewhere", "conv-a", "conv-a");
    }

    @Test
    void an_event_without_the_property_finds_no_saga_without_asking_anyone() throws Exception {
        Set<String> found = new BatchingUnitOfWork<>(event("conv-a")).executeWithResult(() ->
                lookups.findSagas(HandoffSaga.class, new AssociationValue("conversationId", null))).getPayload();

        assertThat(found).isEmpty();
        assertThat(queries).hasValue(0);
        assertThat(askedTheStore).isEmpty();
    }

    private static DomainEventMessage<?> event(String conversation) {
        return new GenericDomainEventMessage<>("Conversation", conversation, 0, "event");
    }

    /** The store underneath: answers nothing, records what it was asked. */
    private final class AskedStore implements SagaStore<Object> {

        @Override
        public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
            askedTheStore.add(associationValue);
            return Set.of();
        }

        @Override
        public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
            return null;
        }

        @Override
        public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        }

        @Override
        public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga, Set<AssociationValue> associationValues) {
        }

        @Override
        public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
        }
    }
}
