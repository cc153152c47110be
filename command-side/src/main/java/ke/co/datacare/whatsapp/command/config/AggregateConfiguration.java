package ke.co.datacare.whatsapp.command.config;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Repository tuning of the aggregates: conversations are long-lived, so they are snapshotted every
 * {@code datacare.aggregates.snapshot-threshold} events; both aggregates are cached in memory. A
 * cached aggregate is checked against the event store's last sequence number before it is used and read again when
 * another instance changed it meanwhile ({@link CheckedCacheRepository}). An append that still loses a race on the
 * sequence number (a {@link ConcurrencyException}) drops the cached copy, and the command gateway runs the command
 * again on fresh state, up to {@code datacare.aggregates.conflict-retries} times; so does a command that PostgreSQL
 * chose as the victim of a detected deadlock or a serialization failure. Only a command sent on its own is run again:
 * one sent inside another unit of work (a batch) fails with it, and the batch decides. No other failure is retried.
 */
@Configuration(proxyBeanMethods = false)
class AggregateConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AggregateConfiguration.class);
    /** PostgreSQL's {@code unique_violation}. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The repositories of the cached aggregates; {@code datacare.aggregates.cache-check} (on by default) checks a
     * cached aggregate's version against the event store before it is used (see docs/operations.md for when it may
     * be turned off); on the JDBC storage engine a batch checks all the aggregates it declared with one statement.
     */
    @Bean
    AggregateRepositories aggregateRepositories(EventStore eventStore, ObjectProvider<org.axonframework.config.Configuration> axon,
                                                MeterRegistry meters, ObjectProvider<EventStorageEngine> engine,
                                                ObjectProvider<EventSchema> schema, ObjectProvider<JdbcTemplate> jdbc,
                                                @Value("${datacare.aggregates.cache-check:true}") boolean cacheCheck,
                                                AggregateLocks locks) {
        StoredVersions batchVersions = engine.getIfAvailable() instanceof JdbcEventStorageEngine
                ? new JdbcStoredVersions(jdbc.getObject(), schema.getIfAvailable(() -> EventSchema.builder().build()))
                : null;
        return new AggregateRepositories(eventStore, axon, meters, batchVersions, cacheCheck, locks);
    }

    /**
     * The aggregates' locks, one factory for every repository and for work that takes several in one order (only where
     * commands are handled on the sending thread: not with Axon Server). {@code commands-join-sender=false} makes the
     * JDBC storage engine behave as Axon Server does here, for the tests of that behaviour.
     */
    @Bean
    AggregateLocks aggregateLocks(@Value("${axon.axonserver.enabled:false}") boolean axonServer,
                                  @Value("${datacare.aggregates.commands-join-sender:true}") boolean joinSender) {
        return new AggregateLocks(PessimisticLockFactory.usingDefaults(), joinSender && !axonServer);
    }

    @Bean
    SnapshotTriggerDefinition conversationSnapshotTrigger(
            Snapshotter snapshotter, @Value("${datacare.aggregates.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * One cache manager per application, so that several applications in one JVM (tests) keep their caches
     * apart; closed with the application.
     */
    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager() {
        CachingProvider provider = Caching.getCachingProvider(CaffeineCachingProvider.class.getName());
        return provider.getCacheManager(URI.create("datacare-aggregates:" + UUID.randomUUID()),
                AggregateConfiguration.class.getClassLoader());
    }

    /**
     * The most recently used aggregates stay in memory, up to {@code datacare.aggregates.cache-size} of each
     * type: a weak-reference cache loses them at every garbage collection, and each reload reads the event
     * stream since the last snapshot.
     */
    @Bean
    Cache conversationCache(CacheManager aggregateCacheManager,
                            @Value("${datacare.aggregates.cache-size:10000}") long size) {
        return new JCacheAdapter(bounded(aggregateCacheManager, "conversations", size));
    }

    @Bean
    Cache contactCache(CacheManager aggregateCacheManager,
                       @Value("${datacare.aggregates.cache-size:10000}") long size) {
        return new JCacheAdapter(bounded(aggregateCacheManager, "contacts", size));
    }

    static javax.cache.Cache<Object, Object> bounded(CacheManager manager, String name, long size) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(size));
        configuration.setStoreByValue(false);
        return manager.createCache(name, configuration);
    }

    /**
     * Tells a duplicate (aggregate, sequence) apart from other storage failures also when the PostgreSQL driver
     * reports it inside a batch, which Axon's default resolver does not look into.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        JdbcSQLErrorCodesResolver standard = new JdbcSQLErrorCodesResolver();
        return exception -> standard.isDuplicateKeyViolation(exception) || isUniqueViolation(exception);
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Runs a command again only when it lost a race on the aggregate's sequence number; domain refusals and every
     * other failure go back to the caller at once. The retries wait on a daemon thread of their own (not a bean:
     * Spring would take it for its task scheduler).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus,
                                  @Value("${datacare.aggregates.conflict-retries:3}") int retries) {
        ScheduledExecutorService retryExecutor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("command-retry"));
        RetryScheduler onConflict = (command, failure, failures, dispatch) -> {
            if (CurrentUnitOfWork.isStarted() || !causedByConflict(failure) || failures.size() > retries) {
                return false;
            }
            log.debug("{} lost a race on its aggregate; running it again ({} of {})",
                    command.getPayloadType().getSimpleName(), failures.size(), retries);
            retryExecutor.schedule(dispatch, 10L * failures.size(), TimeUnit.MILLISECONDS);
            return true;
        };
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(onConflict).build();
    }

    /**
     * A conflict: another command changed the aggregate first, or created it first (two creators of one contact,
     * say the webhook dispatcher and an agent sending to the same new number; the retry finds it and updates it), or
     * PostgreSQL broke a deadlock or a serialization conflict by rolling this command back.
     */
    static boolean causedByConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || DatabaseRollbacks.isRollback(cause)) {
                return true;
            }
        }
        return false;
    }
}
