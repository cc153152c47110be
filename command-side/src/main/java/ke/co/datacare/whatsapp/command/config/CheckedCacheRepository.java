package ke.co.datacare.whatsapp.command.config;

import io.micrometer.core.instrument.Counter;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Objects;

/**
 * An event-sourced repository whose in-memory cache stays right when several instances share one event store: a
 * cached aggregate is used only when its version equals the last sequence number the store holds for it; otherwise
 * another instance has changed it meanwhile, and it is read from the store again. Without the check a stale copy is
 * caught only when an append conflicts; a command it refuses or ignores (a reopen on an instance that still holds the
 * conversation as open) appends nothing and went unnoticed.
 * <p>
 * Inside a batch that declared its aggregates ({@link BatchAggregates}) the stored versions of all of them are read in
 * one statement ({@link StoredVersions}, the JDBC engine); a cached aggregate whose version differs from that figure
 * is asked about once more alone (this instance may have changed it since the batch's read) before it is read again.
 * Outside a batch, for an aggregate the batch did not declare, and without {@link StoredVersions} (Axon Server), each
 * cached load asks the store alone (one query on its unique (aggregate, sequence) index). An aggregate that is not in
 * the cache is read from the store as before, with no extra query; within one unit of work an aggregate is loaded
 * (and so checked) once. When the root unit of work rolls back, the aggregates it loaded leave the cache, and no
 * other.
 */
final class CheckedCacheRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;
    private final StoredVersions batchVersions;
    private final Counter reloads;

    /** {@code batchVersions} null: every cached load is checked alone. */
    CheckedCacheRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore,
                           StoredVersions batchVersions, Counter reloads) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
        this.batchVersions = batchVersions;
        this.reloads = reloads;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        forgetOnRollback(aggregateIdentifier);
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (!cached || upToDate(aggregateIdentifier, aggregate.version())) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        reloads.increment();
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }

    private boolean upToDate(String aggregateIdentifier, Long version) {
        BatchAggregates batch = batchVersions == null ? null : BatchAggregates.current();
        if (batch != null && batch.declared(aggregateIdentifier)
                && Objects.equals(version, batch.lastSequenceNumberFor(aggregateIdentifier, batchVersions))) {
            return true;
        }
        return Objects.equals(version, eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null));
    }

    /**
     * What a unit of work that rolls back did to an aggregate was never stored: its cached copy goes (Axon's own
     * handlers do this on the command's nested unit of work; this holds it to the root, whose rollback decides).
     */
    private void forgetOnRollback(String aggregateIdentifier) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().onRollback(unitOfWork -> cache.remove(aggregateIdentifier));
        }
    }
}
