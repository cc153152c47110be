package ke.co.datacare.whatsapp.command.outbound;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What each traffic class of the sender waited for, in seconds summed since start ({@code whatsapp.outbound.waits}):
 * the rate (claimed sends refused a token), claims (sends ready but none claimed yet), or work (nothing to send on this
 * instance). Where a campaign loses its rate is the share of its sending time that is not the rate's.
 */
final class SenderWaits {

    /** What a traffic class waits for now. */
    enum Waiting {
        RATE, CLAIMS, WORK, NOTHING
    }

    private final Map<TrafficClass, Waiting> now = new EnumMap<>(TrafficClass.class);
    private final Map<TrafficClass, Long> since = new EnumMap<>(TrafficClass.class);
    private final Map<TrafficClass, long[]> summed = new EnumMap<>(TrafficClass.class);

    SenderWaits(MeterRegistry meters) {
        long start = System.nanoTime();
        for (TrafficClass traffic : TrafficClass.values()) {
            now.put(traffic, Waiting.WORK);
            since.put(traffic, start);
            summed.put(traffic, new long[Waiting.values().length]);
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
}
