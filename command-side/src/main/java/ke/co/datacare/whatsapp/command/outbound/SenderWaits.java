package ke.co.datacare.whatsapp.command.outbound;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the sender's traffic waited for. Per message, how long it waited for Meta's rate since it was ready to go (first
 * of its line): the time the throttle refused its traffic class meanwhile, which campaign pacing leaves out when it
 * judges the outbound path's own delay ({@link #waitedForRate}). Per traffic class, in seconds summed since start
 * ({@code whatsapp.outbound.waits}): the rate (claimed sends refused a token), claims (sends ready but none claimed
 * yet), or work (nothing to send on this instance); where a campaign loses its rate is the share of its sending time
 * that is not the rate's. Used by the pacing thread; the meters read the sums from another.
 */
final class SenderWaits {

    /** What a traffic class waits for now. */
    enum Waiting {
        RATE, CLAIMS, WORK, NOTHING
    }

    private final Map<TrafficClass, Waiting> now = new EnumMap<>(TrafficClass.class);
    private final Map<TrafficClass, Long> since = new EnumMap<>(TrafficClass.class);
    private final Map<TrafficClass, long[]> summed = new EnumMap<>(TrafficClass.class);
    /** Nanoseconds the throttle has refused tokens to each traffic class, summed; and since when it refuses now (-1: not). */
    private final Map<TrafficClass, long[]> refused = new EnumMap<>(TrafficClass.class);
    /** The refused clock of its class when each message waiting for a token became ready to go. */
    private final Map<String, Long> readySince = new HashMap<>();

    SenderWaits(MeterRegistry meters) {
        long start = System.nanoTime();
        for (TrafficClass traffic : TrafficClass.values()) {
            now.put(traffic, Waiting.WORK);
            since.put(traffic, start);
            summed.put(traffic, new long[Waiting.values().length]);
            refused.put(traffic, new long[]{0L, -1L});
            for (Waiting waiting : Waiting.values()) {
                if (waiting != Waiting.NOTHING) {
                    FunctionCounter.builder("whatsapp.outbound.waits", this, waits -> waits.seconds(traffic, waiting))
                            .description("Seconds a traffic class of the sender waited for the rate, claims or work")
                            .baseUnit("seconds").tag("traffic", traffic.name().toLowerCase(Locale.ROOT))
                            .tag("for", waiting.name().toLowerCase(Locale.ROOT)).register(meters);
                }
            }
        }
    }

    /** The traffic class waits for {@code waiting} from now on (called by the pacing thread only). */
    synchronized void waiting(TrafficClass traffic, Waiting waiting) {
        if (now.get(traffic) == waiting) {
            return;
        }
        long at = System.nanoTime();
        summed.get(traffic)[now.get(traffic).ordinal()] += at - since.get(traffic);
        now.put(traffic, waiting);
        since.put(traffic, at);
    }

    synchronized double seconds(TrafficClass traffic, Waiting waiting) {
        long total = summed.get(traffic)[waiting.ordinal()];
        if (now.get(traffic) == waiting) {
            total += System.nanoTime() - since.get(traffic);
        }
        return total / 1e9;
    }

    /** The message is ready to go (first of its line): its wait for the rate counts from now. */
    void ready(OutboundSender.Send send) {
        readySince.putIfAbsent(send.messageId(), heldByRate(send.traffic()));
    }

    /** The message no longer waits (taken elsewhere, answered already). */
    void forget(String messageId) {
        readySince.remove(messageId);
    }

    /** Whether the throttle refuses the traffic class's tokens from now on, or grants them again. */
    void refusing(TrafficClass traffic, boolean refuses) {
        long[] clock = refused.get(traffic);
        long now = System.nanoTime();
        if (refuses && clock[1] < 0) {
            clock[1] = now;
        } else if (!refuses && clock[1] >= 0) {
            clock[0] += now - clock[1];
            clock[1] = -1;
        }
    }

    /**
     * How long each of the claimed messages waited for Meta's rate since it was ready to go: the time the throttle
     * refused its traffic class meanwhile, not all of its wait (the sender's own rounds on a busy machine are the
     * outbound path's delay, which campaign pacing must see).
     */
    Map<String, Long> waitedForRate(Collection<OutboundSender.Send> claimed) {
        Map<String, Long> waited = new HashMap<>();
        for (OutboundSender.Send send : claimed) {
            Long heldAtReady = readySince.remove(send.messageId());
            waited.put(send.messageId(), heldAtReady == null ? 0L
                    : Math.max(0L, heldByRate(send.traffic()) - heldAtReady));
        }
        return waited;
    }

    private long heldByRate(TrafficClass traffic) {
        long[] clock = refused.get(traffic);
        return clock[0] + (clock[1] >= 0 ? System.nanoTime() - clock[1] : 0L);
    }
}
