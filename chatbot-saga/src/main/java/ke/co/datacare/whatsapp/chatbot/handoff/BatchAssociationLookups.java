package ke.co.datacare.whatsapp.chatbot.handoff;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The saga store with one association look-up per batch instead of one per event. Axon's saga manager asks the store
 * which sagas an event's association value belongs to for every event a saga type handles; for the handoff saga that
 * is every customer message. Here the first such question in a batch reads the associations of every conversation the
 * batch's events belong to (their aggregate ids) under the saga's association keys, in one query, and the batch's
 * later questions about those conversations are answered from that. A question about no value (the event lacks the
 * property, as a bot's reply lacks {@code agentConversationId}) is answered at once: the store would look for rows
 * that hold null, and there are none. Everything else goes to the store as before.
 * <p>
 * The answer is what the store held when the batch began. Asking per event would give the same: the saga repository
 * writes associations only when the batch commits, and sagas the batch itself started or changed are found by the
 * repository in the batch's unit of work, not in the store. Axon starts a saga only in the segment its initial
 * association value (the conversation id) belongs to and gives it an id of that segment, so a conversation's sagas, and
 * their associations, are changed by that segment's work package alone; another work package reads them only to see
 * whether one exists, which was never synchronised with it either. Nothing is kept after the batch: a segment that
 * moves to another instance finds no cache there that could have gone stale.
 */
final class BatchAssociationLookups implements SagaStore<Object> {

    private static final String SQL = """
            select association_key, association_value, saga_id from association_value_entry
             where saga_type = :type and association_key in (:keys) and association_value in (:values)""";

    private final SagaStore<Object> store;
    private final ObjectProvider<NamedParameterJdbcTemplate> jdbc;
    private final Class<?> sagaType;
    private final Set<String> keys;
    private final String resource;

    BatchAssociationLookups(SagaStore<Object> store, ObjectProvider<NamedParameterJdbcTemplate> jdbc, Class<?> sagaType,
                            Set<String> keys) {
        this.store = store;
        this.jdbc = jdbc;
        this.sagaType = sagaType;
        this.keys = Set.copyOf(keys);
        this.resource = BatchAssociationLookups.class.getName() + "/" + sagaType.getName();
    }

    @Override
    public Set<String> findSagas(Class<?> type, AssociationValue value) {
        if (type != sagaType || !keys.contains(value.getKey())) {
            return store.findSagas(type, value);
        }
        if (value.getValue() == null) {
            // an event without the property (a bot's reply has no agentConversationId): no row holds null
            return Set.of();
        }
        if (!CurrentUnitOfWork.isStarted()) {
            return store.findSagas(type, value);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
            return store.findSagas(type, value);
        }
        Associations read = batch.getOrComputeResource(resource, key -> read(batch.getMessages()));
        return read.covers(value) ? read.sagas(value) : store.findSagas(type, value);
    }

    private Associations read(List<? extends Message<?>> messages) {
        Set<String> aggregates = new HashSet<>();
        for (Message<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                aggregates.add(event.getAggregateIdentifier());
            }
        }
        Map<AssociationValue, Set<String>> sagas = new HashMap<>();
        if (!aggregates.isEmpty()) {
            Map<String, Object> parameters = Map.of("type", sagaType.getName(), "keys", keys, "values", aggregates);
            jdbc.getObject().query(SQL, parameters, row -> {
                sagas.computeIfAbsent(new AssociationValue(row.getString(1), row.getString(2)), key -> new TreeSet<>())
                        .add(row.getString(3));
            });
        }
        return new Associations(aggregates, sagas);
    }

    /** The associations read for a batch: every saga of {@code values} under the saga's keys. */
    private record Associations(Set<String> values, Map<AssociationValue, Set<String>> sagas) {

        boolean covers(AssociationValue value) {
            return values.contains(value.getValue());
        }

        Set<String> sagas(AssociationValue value) {
            return new TreeSet<>(sagas.getOrDefault(value, Set.of()));
        }
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> type, String sagaIdentifier) {
        return store.loadSaga(type, sagaIdentifier);
    }

    @Override
    public void deleteSaga(Class<?> type, String sagaIdentifier, Set<AssociationValue> associationValues) {
        store.deleteSaga(type, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(Class<?> type, String sagaIdentifier, Object saga, Set<AssociationValue> associationValues) {
        store.insertSaga(type, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void updateSaga(Class<?> type, String sagaIdentifier, Object saga, AssociationValues associationValues) {
        store.updateSaga(type, sagaIdentifier, saga, associationValues);
    }
}
