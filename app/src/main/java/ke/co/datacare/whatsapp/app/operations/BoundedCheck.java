package ke.co.datacare.whatsapp.app.operations;

import ke.co.datacare.whatsapp.command.config.DaemonThreads;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A health check that answers within a time limit: the check runs on a thread of its own and the caller waits at most
 * {@code timeout} for it. A check that has not finished is waited for again by the next call instead of being started
 * a second time, so a database that does not answer holds one thread, not one per health request.
 */
public final class BoundedCheck<T> {

    /** The check's value, or why there is none (it failed, or gave no answer in time). */
    public record Answer<T>(T value, String problem) {

        public boolean answered() {
            return problem == null;
        }
    }

    private final Supplier<T> check;
    private final Duration timeout;
    private final ExecutorService runner;
    private Future<T> running;

    public BoundedCheck(String name, Duration timeout, Supplier<T> check) {
        this.check = check;
        this.timeout = timeout;
        this.runner = Executors.newSingleThreadExecutor(DaemonThreads.named("health-" + name));
    }

    public Answer<T> answer() {
        try {
            return new Answer<>(current().get(timeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            return new Answer<>(null, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Answer<>(null, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer<>(null, "interrupted");
        }
    }

    private synchronized Future<T> current() {
        if (running == null || running.isDone()) {
            running = runner.submit(check::get);
        }
        return running;
    }
}
