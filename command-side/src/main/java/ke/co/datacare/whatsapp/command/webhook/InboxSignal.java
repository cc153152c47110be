package ke.co.datacare.whatsapp.command.webhook;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the dispatcher as soon as new bodies are committed, instead of waiting for its next poll. */
public class InboxSignal {

    private final Semaphore pending = new Semaphore(0);

    void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    void await(Duration timeout) throws InterruptedException {
        if (pending.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            pending.drainPermits();
        }
    }
}
