package ke.co.datacare.whatsapp.command.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Builds the repositories of the cached aggregates (each aggregate's package declares its own, as
 * {@code <aggregate>Repository}, which Axon's {@code @Aggregate} then uses), with what Axon's default repository
 * would have: the application's handler resolution, pessimistic locks with deadlock detection (one factory for all,
 * {@link AggregateLocks}), spans. With
 * {@code datacare.aggregates.cache-check} (on by default) a cached aggregate is checked against the event store
 * before use ({@link CheckedCacheRepository}): inside a batch that declared its aggregates with one read of
 * {@code batchVersions} for all of them (null, as on Axon Server: each cached load asks the store alone).
 */
public final class AggregateRepositories {

    private final EventStore eventStore;
    private final ObjectProvider<Configuration> axon;
    private final MeterRegistry meters;
    private final StoredVersions batchVersions;
    private final boolean cacheCheck;
    private final AggregateLocks locks;

    AggregateRepositories(EventStore eventStore, ObjectProvider<Configuration> axon, MeterRegistry meters,
                          StoredVersions batchVersions, boolean cacheCheck, AggregateLocks locks) {
        this.eventStore = eventStore;
        this.axon = axon;
        this.meters = meters;
        this.batchVersions = batchVersions;
        this.cacheCheck = cacheCheck;
        this.locks = locks;
    }

    public <T> Repository<T> cached(Class<T> type, Cache cache, SnapshotTriggerDefinition snapshots) {
        Configuration configuration = axon.getObject();
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(type)
                .parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(type))
                .lockFactory(locks.factory())
                .snapshotTriggerDefinition(snapshots)
                .repositoryProvider(configuration::repository)
                .spanFactory(configuration.getComponent(RepositorySpanFactory.class));
        if (!cacheCheck) {
            return builder.eventStore(eventStore).cache(cache).build();
        }
        Counter reloads = Counter.builder("datacare.aggregates.stale-reloads")
                .description("cached aggregates read again because another instance changed them")
                .tag("aggregate", type.getSimpleName()).register(meters);
        return new CheckedCacheRepository<>(builder, cache, eventStore, batchVersions, reloads);
    }
}
