package ke.co.datacare.whatsapp.command.config;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The aggregates a batch of commands expects to load, declared on its root unit of work, with the event store's last
 * sequence number of each: read for all of them in one statement the first time one of them is found in a cache
 * ({@link CheckedCacheRepository}), so a batch pays one query for its check, not one per cached aggregate. An
 * aggregate the batch did not declare is checked alone, as outside a batch. Lives as long as the root unit of work.
 */
public final class BatchAggregates {

    private static final String RESOURCE = BatchAggregates.class.getName();

    private final Set<String> identifiers;
    private Map<String, Long> stored;

    private BatchAggregates(Set<String> identifiers) {
        this.identifiers = identifiers;
    }

    /** Declares the aggregates the work of this (root) unit of work is expected to load. */
    public static void declare(UnitOfWork<?> unitOfWork, Collection<String> aggregateIdentifiers) {
        Set<String> identifiers = aggregateIdentifiers.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        if (!identifiers.isEmpty()) {
            unitOfWork.root().resources().put(RESOURCE, new BatchAggregates(identifiers));
        }
    }

    /** What the current unit of work's batch declared, or null outside a batch. */
    static BatchAggregates current() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(RESOURCE) : null;
    }

    boolean declared(String aggregateIdentifier) {
        return identifiers.contains(aggregateIdentifier);
    }

    /** The stored last sequence number of a declared aggregate (null: nothing stored), all read at the first call. */
    Long lastSequenceNumberFor(String aggregateIdentifier, StoredVersions versions) {
        if (stored == null) {
            stored = versions.lastSequenceNumbers(identifiers);
        }
        return stored.get(aggregateIdentifier);
    }
}
