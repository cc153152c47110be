package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a dispatch step in one transaction inside a root unit of work, so that the commands it sends join both: their
 * events are appended in one batch at the commit, and the event processors learn of them after it (not when each
 * command's own unit of work ends inside the open transaction, which would leave them to find the events only at
 * their next poll). After a failure, what the aggregates' caches and the contact directory remembered of the rolled
 * back work is forgotten.
 */
final class DispatchTransactions {

    private final TransactionManager transactions;
    private final List<Cache> aggregateCaches;
    private final ContactDirectory directory;

    DispatchTransactions(TransactionManager transactions, List<Cache> aggregateCaches, ContactDirectory directory) {
        this.transactions = transactions;
        this.aggregateCaches = aggregateCaches;
        this.directory = directory;
    }

    <T> T inUnitOfWork(Supplier<T> work) {
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

    void forgetUncommittedState() {
        aggregateCaches.forEach(Cache::removeAll);
        directory.forgetCached();
    }
}
