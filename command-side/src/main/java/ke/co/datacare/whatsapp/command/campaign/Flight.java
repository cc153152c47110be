package ke.co.datacare.whatsapp.command.campaign;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One campaign's messages that are queued but not yet attempted by the outbound dispatcher, and how fast they
 * clear. Dispatch keeps this number under what the measured send rate clears in the lead time, so that a pause
 * stops the sends within about that time however fast the outbound path happens to be. Times are monotonic
 * nanoseconds.
 */
final class Flight {

    private static final long RATE_WINDOW_NANOS = Duration.ofSeconds(2).toNanos();

    private final Map<String, Long> outstanding = new LinkedHashMap<>();
    private final Deque<Long> cleared = new ArrayDeque<>();

    void queued(Collection<String> messageIds, long now) {
        messageIds.forEach(id -> outstanding.put(id, now));
    }

    List<String> outstanding() {
        return List.copyOf(outstanding.keySet());
    }

    boolean isEmpty() {
        return outstanding.isEmpty();
    }

    /** Forgets the attempted messages, and those older than {@code stallTimeout} (which no longer hold dispatch up). */
    void settle(Collection<String> attempted, long now, Duration stallTimeout) {
        for (String id : attempted) {
            if (outstanding.remove(id) != null) {
                cleared.addLast(now);
            }
        }
        outstanding.values().removeIf(queuedAt -> now - queuedAt > stallTimeout.toNanos());
        while (!cleared.isEmpty() && now - cleared.peekFirst() > RATE_WINDOW_NANOS) {
            cleared.removeFirst();
        }
    }

    /** Messages attempted per second over the last two seconds. */
    double clearRate() {
        return cleared.size() / (RATE_WINDOW_NANOS / 1e9);
    }

    /**
     * How many more may be queued now: the lead is what the measured rate clears in {@code leadTime}, at least
     * {@code minLead} and at most what the configured rate clears in that time.
     */
    int room(Duration leadTime, int minLead, double configuredRate) {
        double seconds = leadTime.toNanos() / 1e9;
        int maxLead = Math.max(1, (int) Math.ceil(configuredRate * seconds));
        int lead = Math.min(maxLead, Math.max(minLead, (int) Math.ceil(clearRate() * seconds)));
        return lead - outstanding.size();
    }
}
