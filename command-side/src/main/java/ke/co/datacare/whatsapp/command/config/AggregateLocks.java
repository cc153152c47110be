package ke.co.datacare.whatsapp.command.config;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The locks of the cached aggregates: one lock factory for every repository ({@link AggregateRepositories}), and a
 * way to take several of them at once, in the order of their ids, before a unit of work touches any. A unit of work
 * that sends commands to several aggregates holds each one's lock until it ends; when every such unit takes them in
 * one order, two of them never wait for each other (Axon's lock factory would find the cycle and fail one side, whose
 * whole batch then runs again). A lock is reentrant: the repository takes it again as it loads the aggregate.
 * <p>
 * Only where commands are handled on the thread that sends them (the local command bus of the JDBC storage engine).
 * With Axon Server a command goes through the server and is handled on one of the connector's threads, in a unit of
 * work of its own: a lock taken ahead on the sender's thread would hold that handler until its wait for the lock
 * failed, while the sender waited for the handler. There nothing is taken ahead, and each command locks its
 * aggregate alone, as Axon does.
 */
public final class AggregateLocks {

    private final LockFactory factory;
    private final boolean commandsHandledHere;

    /** {@code commandsHandledHere}: commands are handled on the sending thread, in its unit of work. */
    public AggregateLocks(LockFactory factory, boolean commandsHandledHere) {
        this.factory = factory;
        this.commandsHandledHere = commandsHandledHere;
    }

    /** Whether commands are handled on the sending thread, joining its unit of work and transaction. */
    public boolean commandsHandledHere() {
        return commandsHandledHere;
    }

    /** The factory the repositories take their locks from. */
    public LockFactory factory() {
        return factory;
    }

    /**
     * Takes the locks of these aggregates in the order of their ids, held until the current root unit of work is
     * cleaned up (after it committed or rolled back), as the repositories hold theirs. Outside a unit of work, or
     * where commands are not handled here, it does nothing. Fails as a lock does (a detected deadlock, a lock not
     * acquired in time), releasing what it took.
     */
    public void takeInOrder(Collection<String> aggregateIdentifiers) {
        if (!commandsHandledHere || !CurrentUnitOfWork.isStarted()) {
            return;
        }
        for (String identifier : new TreeSet<>(aggregateIdentifiers.stream().filter(Objects::nonNull).toList())) {
            Lock lock = factory.obtainLock(identifier);
            CurrentUnitOfWork.get().root().onCleanup(unitOfWork -> lock.release());
        }
    }
}
