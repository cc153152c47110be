package ke.co.datacare.whatsapp.command.campaign;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One campaign's messages that are queued but not yet attempted by the outbound dispatcher, and how many may be.
 * The lead (how many may be outstanding) follows the measured latency from queueing to the attempt, less the time the
 * sender held the message back for Meta's rate: it grows while the slowest recent message took less than the target,
 * and shrinks in proportion when one took longer. The rate's own wait does not count: with the lead at its cap (what
 * the rate clears in the target) the last message waits about the target for the throttle by design, and counting
 * that wait made any delay on top shrink the lead and the rate below the limit. A pause
 * therefore stops the sends within about the target however fast or loaded the outbound path is, and dispatch
 * runs as far ahead as that allows, up to what the configured rate clears within the target. Times are monotonic
 * nanoseconds.
 */
final class Flight {

    private static final long WINDOW_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long ADJUST_EVERY_NANOS = Duration.ofMillis(250).toNanos();

    private record Cleared(long at, long latency) {
    }

    private final Map<String, Long> outstanding = new LinkedHashMap<>();
    private final Deque<Cleared> cleared = new ArrayDeque<>();
    private double lead = -1;
    private long adjustedAt;

    void queued(Collection<String> messageIds, long now) {
        messageIds.forEach(id -> outstanding.put(id, now));
    }

    List<String> outstanding() {
        return List.copyOf(outstanding.keySet());
    }

    boolean isEmpty() {
        return outstanding.isEmpty();
    }

    /**
     * Forgets the attempted messages, and those older than {@code stallTimeout} (which no longer hold dispatch up);
     * {@code waitedForRate} tells how long the sender held a message back for Meta's rate (0 when not known).
     */
    void settle(Collection<String> attempted, long now, Duration stallTimeout, ToLongFunction<String> waitedForRate) {
        for (String id : attempted) {
            Long queuedAt = outstanding.remove(id);
            if (queuedAt != null) {
                cleared.addLast(new Cleared(now, Math.max(0, now - queuedAt - waitedForRate.applyAsLong(id))));
            }
        }
        outstanding.values().removeIf(queuedAt -> now - queuedAt > stallTimeout.toNanos());
        while (!cleared.isEmpty() && now - cleared.peekFirst().at() > WINDOW_NANOS) {
            cleared.removeFirst();
        }
    }

    /** Messages attempted per second over the last two seconds. */
    double clearRate() {
        return cleared.size() / (WINDOW_NANOS / 1e9);
    }

    /**
     * The longest time from queueing to attempt, less the wait for the rate, among the messages attempted in the last
     * two seconds.
     */
    Duration slowestRecent() {
        return Duration.ofNanos(cleared.stream().mapToLong(Cleared::latency).max().orElse(0));
    }

    /**
     * How many more may be queued now, with the lead adjusted (at most every 250 ms) towards a latency of
     * {@code target}: at least {@code minLead}, at most what {@code configuredRate} clears in that time.
     */
    int room(Duration target, int minLead, double configuredRate, long now) {
        int maxLead = Math.max(minLead, (int) Math.ceil(configuredRate * target.toNanos() / 1e9));
        if (lead < 0) {
            lead = minLead;
            adjustedAt = now;
        } else if (now - adjustedAt >= ADJUST_EVERY_NANOS && !cleared.isEmpty()) {
            long slowest = slowestRecent().toNanos();
            lead = slowest <= target.toNanos() ? lead + Math.max(1, lead / 4)
                    : lead * target.toNanos() / (double) slowest;
            lead = Math.max(minLead, Math.min(maxLead, lead));
            adjustedAt = now;
        }
        return (int) lead - outstanding.size();
    }
}
