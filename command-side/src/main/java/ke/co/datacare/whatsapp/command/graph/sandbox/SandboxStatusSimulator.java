package ke.co.datacare.whatsapp.command.graph.sandbox;

import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays Meta's part after a message was accepted: {@code sent}, {@code delivered} and {@code read} status webhooks,
 * each after its configured delay from acceptance; or, for a message Meta would not deliver, one {@code failed}
 * status with Meta's error after the first delay.
 */
public class SandboxStatusSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxStatusSimulator.class);
    private static final List<String> STATUSES = List.of("sent", "delivered", "read");

    private final StatusWebhookBodies bodies;
    private final WebhookSink sink;
    private final List<Duration> delays;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sandbox-status-simulator"));

    SandboxStatusSimulator(StatusWebhookBodies bodies, WebhookSink sink, List<Duration> delays, Clock clock) {
        this.bodies = bodies;
        this.sink = sink;
        this.delays = List.copyOf(delays);
        this.clock = clock;
    }

    void accepted(AcceptedMessage message) {
        int steps = Math.min(STATUSES.size(), delays.size());
        for (int i = 0; i < steps; i++) {
            String status = STATUSES.get(i);
            scheduler.schedule(() -> report(message, status), delays.get(i).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void failed(AcceptedMessage message, MetaError error) {
        long delay = delays.isEmpty() ? 0 : delays.get(0).toMillis();
        scheduler.schedule(() -> deliver(message, "failed", () -> bodies.failed(message, error, clock.instant())),
                delay, TimeUnit.MILLISECONDS);
    }

    private void report(AcceptedMessage message, String status) {
        deliver(message, status, () -> bodies.status(message, status, clock.instant()));
    }

    private void deliver(AcceptedMessage message, String status, java.util.function.Supplier<byte[]> body) {
        try {
            sink.deliver(body.get());
        } catch (RuntimeException failure) {
            log.warn("Simulated {} status for {} was not delivered", status, message.wamid(), failure);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
