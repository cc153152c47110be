package ke.co.datacare.whatsapp.command.batch;

import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs work that sends commands in one transaction inside one root unit of work. The commands' own units of work nest
 * in it: an aggregate is loaded once however many commands it gets, every event is appended in one batch when the
 * root prepares its commit, the transaction commits next, and the event processors hear of the events after that
 * (not at each command's end inside the open transaction, which would leave them to find the events at their next
 * poll). Work done in between with the {@code JdbcTemplate} joins the same transaction.
 * <p>
 * The aggregates a batch touches stay locked until it ends: give one batch only what one worker owns (its
 * partitions), so two batches do not wait for each other's aggregates. When a batch fails, everything it did is
 * rolled back and what the aggregates' caches and the contact directory remembered of it is forgotten;
 * {@link #together} then runs each item alone, so one bad item fails alone and its neighbours go through.
 */
public final class CommandBatch {

    private static final Logger log = LoggerFactory.getLogger(CommandBatch.class);

    private final TransactionManager transactions;
    private final List<Cache> aggregateCaches;
    private final ContactDirectory directory;

    public CommandBatch(TransactionManager transactions, List<Cache> aggregateCaches, ContactDirectory directory) {
        this.transactions = transactions;
        this.aggregateCaches = aggregateCaches;
        this.directory = directory;
    }

    /** An item that failed when run alone, with why. */
    public record Failure<T>(T item, RuntimeException cause) {
    }

    /**
     * Runs {@code work} for every item in one unit of work; if that fails, runs it for each item in a unit of work
     * of its own. Returns the items that failed alone (none when the batch went through).
     */
    public <T> List<Failure<T>> together(List<T> items, Consumer<T> work) {
        if (items.size() > 1) {
            try {
                inOneUnitOfWork(() -> {
                    items.forEach(work);
                    return null;
                });
                return List.of();
            } catch (RuntimeException batchFailure) {
                log.info("A batch of {} failed, running each alone: {}", items.size(), batchFailure.toString());
            }
        }
        List<Failure<T>> failures = new ArrayList<>();
        for (T item : items) {
            try {
                inOneUnitOfWork(() -> {
                    work.accept(item);
                    return null;
                });
            } catch (RuntimeException itemFailure) {
                failures.add(new Failure<>(item, itemFailure));
            }
        }
        return failures;
    }

    /** Runs {@code work} in one transaction and unit of work; on failure rolls both back and throws the cause. */
    public <T> T inOneUnitOfWork(Supplier<T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<T> result = unitOfWork.executeWithResult(work::get);
        if (result.isExceptional()) {
            forgetUncommittedState();
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private void forgetUncommittedState() {
        aggregateCaches.forEach(Cache::removeAll);
        directory.forgetCached();
    }
}
