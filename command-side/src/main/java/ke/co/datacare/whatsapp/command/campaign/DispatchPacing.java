package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.command.outbound.OutboundAttempts;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Third step of dispatch, one per worker: how many more recipients of a campaign this worker may queue now, so that
 * dispatch runs only a little ahead of the sends ({@link Flight} per campaign: the worker's queued, not yet attempted
 * messages, asked of the outbound path's {@link OutboundAttempts}: every round of what this instance's sender claimed,
 * in memory, and of the database at most every {@link #ASK_DATABASE_EVERY_NANOS}, for what another instance's sender
 * claimed). The time a message waited at the sender for Meta's rate is not held against the lead (known for this
 * instance's sender; another instance's is judged with it, as before). A worker paces towards its share of the campaign
 * rate and of the least lead (the share of the partitions it owns), so all workers together stay within the lead
 * time.
 */
final class DispatchPacing {

    private final OutboundAttempts attempts;
    private final CampaignProperties properties;
    private static final long ASK_DATABASE_EVERY_NANOS = Duration.ofMillis(500).toNanos();

    private final Map<String, Flight> flights = new HashMap<>();
    private long databaseAskedAt = System.nanoTime() - ASK_DATABASE_EVERY_NANOS;

    DispatchPacing(OutboundAttempts attempts, CampaignProperties properties) {
        this.attempts = attempts;
        this.properties = properties;
    }

    /**
     * How many more this worker may queue now, pacing towards {@code share} (the fraction of the partitions it owns)
     * of the campaigns' rate and of the least lead, so that all workers together keep the lead one worker would.
     */
    int room(CampaignId campaign, double campaignRate, double share) {
        Flight flight = flights.computeIfAbsent(campaign.value(), id -> new Flight());
        long tick = System.nanoTime();
        List<String> outstanding = flight.outstanding();
        Set<String> attempted = attempts.attemptedHere(outstanding);
        if (attempted.size() < outstanding.size() && tick - databaseAskedAt >= ASK_DATABASE_EVERY_NANOS) {
            databaseAskedAt = tick;
            attempted = attempts.attempted(outstanding);
        }
        flight.settle(attempted, tick, properties.stallTimeout(), attempts::waitedForRate);
        int minLead = Math.max(1, (int) Math.ceil(properties.minLead() * share));
        return flight.room(properties.leadTime(), minLead, Math.max(1, campaignRate * share), tick);
    }

    void queued(CampaignId campaign, List<String> messageIds) {
        flights.computeIfAbsent(campaign.value(), id -> new Flight()).queued(messageIds, System.nanoTime());
    }

    /** Whether this worker has no message of the campaign queued and not yet attempted. */
    boolean settled(CampaignId campaign) {
        Flight flight = flights.get(campaign.value());
        return flight == null || flight.isEmpty();
    }

    boolean anyOutstanding() {
        return flights.values().stream().anyMatch(flight -> !flight.isEmpty());
    }

    /** Forgets the campaigns that no longer run. */
    void keepOnly(Collection<String> running) {
        flights.keySet().retainAll(running);
    }
}
