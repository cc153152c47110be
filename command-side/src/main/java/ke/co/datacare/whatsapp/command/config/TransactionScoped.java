package ke.co.datacare.whatsapp.command.config;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A value of the current Spring transaction: made on first use, bound to the transaction (and set aside while it is
 * suspended), and handed to {@code completed} when the transaction ends, with whether it committed. Outside a
 * transaction there is none. For caches that must learn what a transaction did only once it committed.
 */
public final class TransactionScoped<T> {

    private final Supplier<T> make;
    private final BiConsumer<T, Boolean> completed;

    public TransactionScoped(Supplier<T> make, BiConsumer<T, Boolean> completed) {
        this.make = make;
        this.completed = completed;
    }

    /** The current transaction's value, made now if it has none yet; null outside a transaction. */
    public T current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Bound bound = existingBound();
        if (bound == null) {
            bound = new Bound(make.get());
            TransactionSynchronizationManager.bindResource(this, bound);
            TransactionSynchronizationManager.registerSynchronization(bound);
        }
        return bound.value;
    }

    /** The current transaction's value if it has one yet, else null. */
    public T existing() {
        Bound bound = existingBound();
        return bound == null ? null : bound.value;
    }

    @SuppressWarnings("unchecked")
    private Bound existingBound() {
        return (Bound) TransactionSynchronizationManager.getResource(this);
    }

    private final class Bound implements TransactionSynchronization {
        private final T value;

        private Bound(T value) {
            this.value = value;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(TransactionScoped.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(TransactionScoped.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScoped.this);
            completed.accept(value, status == STATUS_COMMITTED);
        }
    }
}
