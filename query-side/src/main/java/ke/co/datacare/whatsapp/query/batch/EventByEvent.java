package ke.co.datacare.whatsapp.query.batch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch of events whose writes failed when they were flushed (a row PostgreSQL refuses, say), handled again event
 * by event, so that the one bad event fails on its own and the dead-letter queue parks it while the others are
 * applied; otherwise the whole batch would fail again and again from the same position. The events of a failed
 * flush are remembered; a later batch holding any of them has every projection write each event's changes as soon
 * as it is handled, within a savepoint taken before the event (this interceptor): a write that fails undoes the
 * event's writes in every projection before the failure reaches the dead-letter queue, so that a retry of the event
 * applies it once everywhere. Once such a batch commits, its events are forgotten and batches go back to writing
 * at their end.
 */
public final class EventByEvent implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(EventByEvent.class);
    private static final String ACTIVE = EventByEvent.class.getName() + ".active";
    private static final String SAVEPOINT = EventByEvent.class.getName() + ".savepoint";
    /** A processor's batch is at most a few thousand events; more than this are not remembered. */
    private static final int REMEMBERED = 20_000;
    private static final Set<String> FAILED_IN_A_FLUSH = ConcurrentHashMap.newKeySet();

    private final DataSource dataSource;

    public EventByEvent(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Remembers the events of a batch whose writes failed, so that their next batch goes event by event. */
    static void flushFailed(BatchingUnitOfWork<?> batch, String projection, RuntimeException cause) {
        List<String> identifiers = identifiers(batch);
        if (FAILED_IN_A_FLUSH.size() + identifiers.size() <= REMEMBERED) {
            FAILED_IN_A_FLUSH.addAll(identifiers);
        }
        log.warn("Writing the read models of {} events failed in {} ({}); they are handled again event by event",
                identifiers.size(), projection.substring(projection.lastIndexOf('.') + 1), cause.getClass().getName());
    }

    /** Whether the batch of events in hand is handled event by event (decided once per batch). */
    static boolean active() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return false;
        }
        Boolean active = batch.getResource(ACTIVE);
        if (active == null) {
            List<String> identifiers = FAILED_IN_A_FLUSH.isEmpty() ? List.of() : identifiers(batch);
            active = identifiers.stream().anyMatch(FAILED_IN_A_FLUSH::contains);
            batch.resources().put(ACTIVE, active);
            if (active) {
                log.info("Handling a batch of {} events event by event after its writes failed", identifiers.size());
                batch.afterCommit(unitOfWork -> identifiers.forEach(FAILED_IN_A_FLUSH::remove));
            }
        }
        return active;
    }

    /** Writes one event's changes of one projection; a failure undoes all the event's writes, then propagates. */
    static void flush(BatchWrites.Batch batch) {
        try {
            batch.flush();
        } catch (RuntimeException e) {
            EventSavepoint savepoint = CurrentUnitOfWork.get().root().getResource(SAVEPOINT);
            if (savepoint != null) {
                savepoint.rollback(e);
            }
            throw e;
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!active()) {
            return interceptorChain.proceed();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        UnitOfWork<?> root = unitOfWork.root();
        EventSavepoint savepoint = new EventSavepoint(connection, connection.setSavepoint());
        root.resources().put(SAVEPOINT, savepoint);
        Object result;
        try {
            result = interceptorChain.proceed();
        } finally {
            root.resources().remove(SAVEPOINT);
        }
        // not after a failure that propagates: the transaction may be unusable, and it is rolled back anyway
        connection.releaseSavepoint(savepoint.savepoint());
        DataSourceUtils.releaseConnection(connection, dataSource);
        return result;
    }

    private static List<String> identifiers(BatchingUnitOfWork<?> batch) {
        List<String> identifiers = new ArrayList<>();
        for (Message<?> message : batch.getMessages()) {
            identifiers.add(message.getIdentifier());
        }
        return identifiers;
    }

    private record EventSavepoint(Connection connection, Savepoint savepoint) {
        void rollback(RuntimeException cause) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
