package ke.co.datacare.whatsapp.command.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * Acknowledging comes before deciding: while webhooks arrive faster than {@code burstRate} per second, the
 * dispatcher leaves the two cores to the requests Meta is waiting on, and the stored bodies wait, but never
 * longer than {@code maxDeferral}: once the oldest pending body is that old, dispatching goes on whatever the
 * intake does. Below the burst rate nothing is deferred. Meta measures our acknowledgements (median 250 ms,
 * fewer than 1% over 1 s); what is stored is already safe, so a burst costs processing lag, never a webhook.
 */
final class BurstPolicy {

    private static final long SAMPLE_NANOS = Duration.ofMillis(100).toNanos();

    private final double burstRate;
    private final Duration maxDeferral;
    private long sampledAt;
    private long appendedAtSample;
    private double rate;

    BurstPolicy(double burstRate, Duration maxDeferral) {
        this.burstRate = burstRate;
        this.maxDeferral = maxDeferral;
    }

    /**
     * Whether webhooks arrive at the burst rate or faster, measured over the last 100 ms or more.
     *
     * @param appended how many bodies the inbox has stored so far (a running count)
     * @param nanoTime now, from {@link System#nanoTime()}
     */
    boolean bursting(long appended, long nanoTime) {
        if (sampledAt == 0 || nanoTime - sampledAt >= SAMPLE_NANOS) {
            if (sampledAt != 0) {
                rate = (appended - appendedAtSample) * 1e9 / (nanoTime - sampledAt);
            }
            sampledAt = nanoTime;
            appendedAtSample = appended;
        }
        return !maxDeferral.isZero() && rate >= burstRate;
    }

    /** Whether the oldest pending body (received then, or {@code null} when none waits) may wait longer. */
    boolean mayWait(Instant oldestPending, Instant now) {
        return oldestPending != null && oldestPending.plus(maxDeferral).isAfter(now);
    }
}
