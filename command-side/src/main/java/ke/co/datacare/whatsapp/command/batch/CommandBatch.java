package ke.co.datacare.whatsapp.command.batch;

import ke.co.datacare.whatsapp.command.config.AggregateLocks;
import ke.co.datacare.whatsapp.command.config.BatchAggregates;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs work that sends commands in one transaction inside one root unit of work. The commands' own units of work nest
 * in it: an aggregate is loaded once however many commands it gets, every event is appended in one batch when the
 * root prepares its commit, the transaction commits next, and the event processors hear of the events after that
 * (not at each command's end inside the open transaction, which would leave them to find the events at their next
 * poll). Work done in between with the {@code JdbcTemplate} joins the same transaction.
 * <p>
 * The aggregates a batch touches stay locked until it ends: give one batch only what one worker owns (its
 * partitions), so two batches do not wait for each other's aggregates. A batch may declare the aggregates its items
 * will load ({@link BatchAggregates}): their cached copies are then checked against the event store with one query for
 * all of them. When a batch fails, everything it did is rolled back, the aggregates it loaded leave their caches (the
 * repositories see to that, the others stay) and the contact directory forgets what the transaction added to its
 * caches (its own rollback does, {@code ContactDirectory}: a refused API send no longer empties them);
 * {@link #together} then runs each item alone, so one bad item fails alone and its neighbours go through.
 */
public final class CommandBatch {

    private static final Logger log = LoggerFactory.getLogger(CommandBatch.class);

    private final TransactionManager transactions;
    private final AggregateLocks locks;

    public CommandBatch(TransactionManager transactions, AggregateLocks locks) {
        this.transactions = transactions;
        this.locks = locks;
    }

    /** An item that failed when run alone, with why. */
    public record Failure<T>(T item, RuntimeException cause) {
    }

    /**
     * Runs {@code work} for every item in one unit of work; if that fails, runs it for each item in a unit of work
     * of its own. Returns the items that failed alone (none when the batch went through).
     */
    public <T> List<Failure<T>> together(List<T> items, Consumer<T> work) {
        return together(items, some -> List.of(), work);
    }

    /**
     * {@link #together(List, Consumer)}, where {@code aggregatesOf} tells which aggregates some of the items will load
     * (those it knows; others are checked alone), for the batch and for each item run alone.
     */
    public <T> List<Failure<T>> together(List<T> items, Function<List<T>, Collection<String>> aggregatesOf,
                                         Consumer<T> work) {
        if (items.size() > 1) {
            try {
                inOneUnitOfWork(aggregatesOf.apply(items), () -> {
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
                inOneUnitOfWork(aggregatesOf.apply(List.of(item)), () -> {
                    work.accept(item);
                    return null;
                });
            } catch (RuntimeException itemFailure) {
                failures.add(new Failure<>(item, itemFailure));
            }
        }
        return failures;
    }

    /**
     * {@link #inOneUnitOfWork(Supplier)} where the commands {@code work} sends join that unit of work (the local
     * command bus). With Axon Server, whose commands are handled on its connector's threads in units of work of their
     * own, runs {@code work} as it is: what it writes commits at once, before the handlers that may read it run.
     */
    public <T> T inOneUnitOfWorkWhereCommandsJoin(Supplier<T> work) {
        return locks.commandsHandledHere() ? inOneUnitOfWork(work) : work.get();
    }

    /** Runs {@code work} in one transaction and unit of work; on failure rolls both back and throws the cause. */
    public <T> T inOneUnitOfWork(Supplier<T> work) {
        return inOneUnitOfWork(List.of(), work);
    }

    /**
     * {@link #inOneUnitOfWork(Supplier)} for work that will load the given aggregates (and maybe others): their locks
     * are taken first, in order.
     */
    public <T> T inOneUnitOfWork(Collection<String> aggregates, Supplier<T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        BatchAggregates.declare(unitOfWork, aggregates);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<T> result = unitOfWork.executeWithResult(() -> {
            locks.takeInOrder(aggregates);
            return work.get();
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}
