package ke.co.datacare.whatsapp.command.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task on its own daemon thread, {@code every} so often after the end of the previous round, while the
 * application runs. A round that fails is logged and the next one runs as planned; a daemon thread never holds the
 * JVM open.
 */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration first;
    private final Duration every;
    private final Runnable task;
    private ScheduledExecutorService scheduler;

    public PeriodicTask(String name, Duration every, Runnable task) {
        this(name, every, every, task);
    }

    /** The first round {@code first} after the start (zero: at once), the next ones {@code every} after each. */
    public PeriodicTask(String name, Duration first, Duration every, Runnable task) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(name + ": the interval must be positive, not " + every);
        }
        this.name = name;
        this.first = first;
        this.every = every;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
        scheduler.scheduleWithFixedDelay(this::runQuietly, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed, next round in {}: {}", name, every, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
