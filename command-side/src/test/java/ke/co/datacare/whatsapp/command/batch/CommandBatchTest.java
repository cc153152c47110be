package ke.co.datacare.whatsapp.command.batch;

import ke.co.datacare.whatsapp.command.config.AggregateLocks;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches of commands against the aggregates' real locks (Axon's pessimistic lock factory, with its deadlock
 * detection); each item stands for a command whose aggregate the repository loads, and so locks until the batch ends.
 */
class CommandBatchTest {

    private final AggregateLocks locks = new AggregateLocks(PessimisticLockFactory.usingDefaults(), true);
    private final CommandBatch batch = new CommandBatch(NoTransactionManager.INSTANCE, locks);
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        otherThread.shutdownNow();
    }

    /** What a repository does as it loads an aggregate: its lock, held until the root unit of work ends. */
    private void load(String aggregate) {
        Lock lock = locks.factory().obtainLock(aggregate);
        CurrentUnitOfWork.get().root().onCleanup(unitOfWork -> lock.release());
    }

    @Test
    void a_batch_takes_the_locks_of_its_aggregates_in_order_and_never_meets_a_unit_of_work_taking_them_so() throws Exception {
        CountDownLatch otherHoldsA = new CountDownLatch(1);
        CountDownLatch batchHoldsB = new CountDownLatch(1);
        Future<ResultMessage<Object>> other = otherThread.submit(() -> DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> {
                    load("a");
                    otherHoldsA.countDown();
                    // a batch that locked as it went would hold b by now
                    batchHoldsB.await(500, TimeUnit.MILLISECONDS);
                    load("b");
                    return null;
                }));
        assertThat(otherHoldsA.await(5, TimeUnit.SECONDS)).isTrue();

        List<String> handled = new CopyOnWriteArrayList<>();
        List<CommandBatch.Failure<String>> failures = batch.together(List.of("b", "a"), some -> some, item -> {
            load(item);
            handled.add(item);
            if (item.equals("b")) {
                batchHoldsB.countDown();
            }
        });

        assertThat(other.get(10, TimeUnit.SECONDS).isExceptional()).isFalse();
        assertThat(failures).isEmpty();
        assertThat(handled).as("the items in their own order, in one batch, not again one by one")
                .containsExactly("b", "a");
    }

    @Test
    void the_locks_a_batch_took_first_are_free_again_once_it_ended() throws Exception {
        batch.together(List.of("b", "a"), some -> some, this::load);

        ResultMessage<Object> elsewhere = otherThread.submit(() -> DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> {
                    locks.takeInOrder(List.of("a", "b"));
                    return null;
                })).get(10, TimeUnit.SECONDS);

        assertThat(elsewhere.isExceptional()).isFalse();
    }

    @Test
    void where_commands_are_handled_here_a_send_runs_in_one_unit_of_work() {
        assertThat(batch.inOneUnitOfWorkWhereCommandsJoin(CurrentUnitOfWork::isStarted)).isTrue();
    }

    @Test
    void with_axon_server_nothing_is_locked_ahead_and_a_send_runs_as_it_is() throws Exception {
        AggregateLocks viaServer = new AggregateLocks(PessimisticLockFactory.usingDefaults(), false);
        CommandBatch overServer = new CommandBatch(NoTransactionManager.INSTANCE, viaServer);

        Boolean inUnitOfWork = overServer.inOneUnitOfWorkWhereCommandsJoin(CurrentUnitOfWork::isStarted);
        Boolean handlerLocked = overServer.inOneUnitOfWork(List.of("a"), () -> {
            // the command's handler, on a thread of the connector, locks its aggregate while the batch waits
            Future<Boolean> handler = otherThread.submit(() -> {
                Lock lock = viaServer.factory().obtainLock("a");
                lock.release();
                return true;
            });
            try {
                return handler.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        });

        assertThat(inUnitOfWork).isFalse();
        assertThat(handlerLocked).as("the handler got the lock while the batch ran").isTrue();
    }
}
