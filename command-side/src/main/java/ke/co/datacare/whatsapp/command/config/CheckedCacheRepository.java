package ke.co.datacare.whatsapp.command.config;

import io.micrometer.core.instrument.Counter;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;

/**
 * An event-sourced repository whose in-memory cache stays right when several instances share one event store: a
 * cached aggregate is used only when its version equals the last sequence number the store holds for it (one query
 * on the store's unique (aggregate, sequence) index); otherwise another instance has changed it meanwhile, and it is
 * read from the store again. Without the check a stale copy is caught only when an append conflicts; a command it
 * refuses or ignores (a reopen on an instance that still holds the conversation as open) appends nothing and went
 * unnoticed. An aggregate that is not in the cache is read from the store as before, with no extra query; within one
 * unit of work an aggregate is loaded (and so checked) once.
 */
final class CheckedCacheRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;
    private final Counter reloads;

    CheckedCacheRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore,
                           Counter reloads) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
        this.reloads = reloads;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (!cached) {
            return aggregate;
        }
        Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
        if (Objects.equals(aggregate.version(), stored)) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        reloads.increment();
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
