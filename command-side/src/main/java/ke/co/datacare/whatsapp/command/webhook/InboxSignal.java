package ke.co.datacare.whatsapp.command.webhook;

import java.time.Duration;

/**
 * Wakes the dispatch workers as soon as new bodies are committed, instead of waiting for their next poll. Every
 * waiting worker wakes (each owns other partitions); a wake between a worker's look at the inbox and its wait is not
 * missed, as the worker waits only while the generation it saw is current.
 */
public class InboxSignal {

    private long generation;

    synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** The generation to pass to {@link #await}: read it before looking for work. */
    synchronized long generation() {
        return generation;
    }

    synchronized void await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
