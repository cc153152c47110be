package ke.co.datacare.whatsapp.command.graph.sandbox;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import org.springframework.beans.factory.DisposableBean;

/**
 * Answers as late as Meta does (100-500 ms from Nairobi) when configured, so the zero-setup run shows how sending
 * behaves against the real API: each answer waits a uniformly drawn time between {@code min} and {@code max}, on a
 * timer, without holding a request thread.
 */
final class SandboxLatency implements DisposableBean {

    private final long minMillis;
    private final long maxMillis;
    private final ScheduledExecutorService timer;

    SandboxLatency(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = Math.max(min.toMillis(), max.toMillis());
        this.timer = maxMillis == 0 ? null : Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sandbox-latency"));
    }

    <T> CompletableFuture<T> answer(T answer) {
        if (timer == null) {
            return CompletableFuture.completedFuture(answer);
        }
        long delay = minMillis == maxMillis ? minMillis : ThreadLocalRandom.current().nextLong(minMillis, maxMillis + 1);
        CompletableFuture<T> later = new CompletableFuture<>();
        timer.schedule(() -> later.complete(answer), delay, TimeUnit.MILLISECONDS);
        return later;
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
