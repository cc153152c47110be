package ke.co.datacare.whatsapp.command.graph;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * Keeps sends under Meta's limits: one bucket per business phone number (its own messages per second, paced so
 * that no one-second window holds more), one per recipient (the pair rate: a burst, then one message per refill
 * period), and for campaigns one more per number at the rate the reserved share leaves them. Campaign traffic
 * takes a token from its own bucket and from the number's, so conversations always keep at least the reserved
 * share and may use the whole rate while no campaign runs; past its share a campaign takes what no waiting
 * conversation wants, up to the whole rate ({@link #takeCampaignRate}).
 * <p>
 * The buckets live wherever {@link ThrottleBuckets} keeps them: {@link InProcessThrottleBuckets} for one instance
 * now, a Redis-backed implementation when several instances share a number.
 */
public class SendThrottle {

    private static final Logger log = LoggerFactory.getLogger(SendThrottle.class);

    private final ThrottleLimits limits;
    private final ToIntFunction<String> ratesByNumber;
    private final ThrottleBuckets buckets;
    /** The paced buckets' configurations of each number, by its rate (numbers may differ: 20, 80, 1000 msg/s). */
    private final Map<Integer, Paced> pacedByRate = new ConcurrentHashMap<>();
    private final BucketConfiguration pairConfiguration;
    private volatile boolean fallingBack;

    public SendThrottle(ThrottleLimits limits, ThrottleBuckets buckets) {
        this(limits, buckets, limits::messagesPerSecond);
    }

    /**
     * With each number's rate from {@code ratesByNumber} at the time of each send (Meta's throughput level once the
     * number is listed, {@link BusinessNumbers#messagesPerSecond}); a number's buckets are kept per rate, so a new
     * level takes effect at once.
     */
    public SendThrottle(ThrottleLimits limits, ThrottleBuckets buckets, ToIntFunction<String> ratesByNumber) {
        this.ratesByNumber = ratesByNumber;
        this.limits = limits;
        this.buckets = buckets;
        this.pairConfiguration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(limits.pairBurst()).refillGreedy(1, limits.pairRefill()))
                .build();
    }

    /**
     * Waits until a message may go from {@code phoneNumberId} to {@code recipient}.
     */
    public void acquire(String phoneNumberId, String recipient, TrafficClass trafficClass)
            throws InterruptedException {
        for (long wait = take(phoneNumberId, recipient, trafficClass); wait > 0;
             wait = take(phoneNumberId, recipient, trafficClass)) {
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a send permit");
            }
        }
    }

    /**
     * Takes a permit only if one is free now; nothing is consumed otherwise.
     */
    public boolean tryAcquire(String phoneNumberId, String recipient, TrafficClass trafficClass) {
        return take(phoneNumberId, recipient, trafficClass) == 0;
    }

    /**
     * What {@link #poll} found: granted (a token was taken from every bucket), or the nanoseconds until a try may
     * succeed and whether the recipient's pair limit is what holds it (then other recipients may still go now).
     */
    public record Permit(boolean granted, long waitNanos, boolean pairLimited) {

        static final Permit GRANTED = new Permit(true, 0, false);
    }

    /**
     * Takes a permit if one is free now, else says how long to wait and which limit holds: a sender that serves many
     * recipients from one thread puts a pair-limited message aside and goes on with the others.
     */
    public Permit poll(String phoneNumberId, String recipient, TrafficClass trafficClass) {
        long[] result = takeWithIndex(phoneNumberId, recipient, trafficClass);
        return result[0] == 0 ? Permit.GRANTED : new Permit(false, result[0], result[1] == 0);
    }

    /**
     * Tokens of the number's rate (and, for campaigns, of their share) taken at once: {@code granted} of the
     * {@code wanted}, at least one, or none and the nanoseconds until one accrues.
     */
    public record RateTokens(int granted, long waitNanos, boolean beyondShare) {

        public RateTokens(int granted, long waitNanos) {
            this(granted, waitNanos, false);
        }
    }

    /**
     * Takes up to {@code wanted} tokens of the rate at once (a store round trip per bucket, not per message) for sends
     * about to be made; each send still takes its recipient's pair permit ({@link #pollPair}) and the tokens left over
     * are given back ({@link #giveBack}). The buckets are the same as {@link #poll}'s, so no one-second window holds
     * more than the rate either way.
     */
    public RateTokens takeRate(String phoneNumberId, TrafficClass trafficClass, int wanted) {
        try {
            RateTokens tokens = takeRate(rateBuckets(buckets, phoneNumberId, trafficClass), wanted);
            storeReachable();
            return tokens;
        } catch (RuntimeException e) {
            return takeRate(rateBuckets(fallback(e), phoneNumberId, trafficClass), wanted);
        }
    }

    /**
     * Rate tokens for campaign sends: within the campaign's share, and past it the number's rate that conversations
     * leave unused, when none is waiting ({@code conversationsWaiting} false: the caller serves conversations first,
     * so they keep their reserved share whenever they use it), up to the whole rate. (Campaigns were held to 85% of
     * the rate while the sender claimed each attempt between its token and its request: the claim's commit let 82 of
     * 80 reach Meta's stand-in in one second. The sender now claims ahead of the tokens.)
     * Tokens taken past the share are marked, to be given back where they came from ({@link #giveBack}).
     */
    public RateTokens takeCampaignRate(String phoneNumberId, int wanted, boolean conversationsWaiting) {
        RateTokens share = takeRate(phoneNumberId, TrafficClass.CAMPAIGN, wanted);
        if (share.granted() > 0 || conversationsWaiting) {
            return share;
        }
        RateTokens unused;
        try {
            unused = takeRate(beyondShareBuckets(buckets, phoneNumberId), wanted);
            storeReachable();
        } catch (RuntimeException e) {
            unused = takeRate(beyondShareBuckets(fallback(e), phoneNumberId), wanted);
        }
        return unused.granted() > 0 ? new RateTokens(unused.granted(), 0, true)
                : new RateTokens(0, Math.min(share.waitNanos(), unused.waitNanos()));
    }

    /** Gives back {@code tokens} of {@code taken} (by {@link #takeRate} or {@link #takeCampaignRate}) not used. */
    public void giveBack(String phoneNumberId, TrafficClass trafficClass, RateTokens taken, int tokens) {
        if (tokens <= 0) {
            return;
        }
        try {
            givenBackTo(buckets, phoneNumberId, trafficClass, taken).forEach(bucket -> bucket.addTokens(tokens));
        } catch (RuntimeException e) {
            givenBackTo(fallback(e), phoneNumberId, trafficClass, taken).forEach(bucket -> bucket.addTokens(tokens));
        }
    }

    private List<Bucket> givenBackTo(ThrottleBuckets store, String phoneNumberId, TrafficClass trafficClass,
                                     RateTokens taken) {
        return taken.beyondShare() ? beyondShareBuckets(store, phoneNumberId)
                : rateBuckets(store, phoneNumberId, trafficClass);
    }

    /** The recipient's pair permit alone (for a send that holds a token of the rate): granted, or the wait. */
    public Permit pollPair(String phoneNumberId, String recipient) {
        return pollPairs(List.of(new Recipient(phoneNumberId, recipient))).get(0);
    }

    /** A recipient of a business number, whose pair permit is asked for. */
    public record Recipient(String phoneNumberId, String recipient) {
    }

    /**
     * The pair permits of many recipients at once (one wait for the store, not one per recipient), each granted or
     * refused with its wait, in their order; a refusal takes nothing.
     */
    public List<Permit> pollPairs(List<Recipient> recipients) {
        if (recipients.isEmpty()) {
            return List.of();
        }
        List<String> keys = recipients.stream().map(one -> pairKey(one.phoneNumberId(), one.recipient())).toList();
        List<ConsumptionProbe> probes;
        try {
            probes = buckets.takeOneOfEach(keys, () -> pairConfiguration);
            storeReachable();
        } catch (RuntimeException e) {
            probes = fallback(e).takeOneOfEach(keys, () -> pairConfiguration);
        }
        return probes.stream().map(probe -> probe.isConsumed() ? Permit.GRANTED
                : new Permit(false, Math.max(1, probe.getNanosToWaitForRefill()), true)).toList();
    }

    private static RateTokens takeRate(List<Bucket> rate, int wanted) {
        long granted = Math.max(0, wanted);
        for (int i = 0; i < rate.size() && granted > 0; i++) {
            ConsumptionProbe first = rate.get(i).tryConsumeAndReturnRemaining(1);
            if (!first.isConsumed()) {
                returnTokens(rate.subList(0, i), granted);
                return new RateTokens(0, Math.max(1, first.getNanosToWaitForRefill()));
            }
            long taken = 1 + (granted > 1 ? rate.get(i).tryConsumeAsMuchAsPossible(granted - 1) : 0);
            returnTokens(rate.subList(0, i), granted - taken);
            granted = taken;
        }
        return new RateTokens((int) granted, 0);
    }

    private static void returnTokens(List<Bucket> buckets, long tokens) {
        if (tokens > 0) {
            buckets.forEach(bucket -> bucket.addTokens(tokens));
        }
    }

    private List<Bucket> rateBuckets(ThrottleBuckets store, String phoneNumberId, TrafficClass trafficClass) {
        if (trafficClass != TrafficClass.CAMPAIGN) {
            return List.of(numberBucket(store, phoneNumberId));
        }
        int perSecond = ratesByNumber.applyAsInt(phoneNumberId);
        return List.of(store.bucket("campaign:" + phoneNumberId + rateKey(perSecond), () -> pacedAt(perSecond).campaign()),
                numberBucket(store, phoneNumberId));
    }

    /** Buckets of a number at a rate other than the configured default are kept apart, so that a change applies. */
    private String rateKey(int perSecond) {
        return perSecond == limits.messagesPerSecond() ? "" : "@" + perSecond;
    }

    /** A campaign's tokens past its share: from the number's rate. */
    private List<Bucket> beyondShareBuckets(ThrottleBuckets store, String phoneNumberId) {
        return List.of(numberBucket(store, phoneNumberId));
    }

    private Bucket numberBucket(ThrottleBuckets store, String phoneNumberId) {
        int perSecond = ratesByNumber.applyAsInt(phoneNumberId);
        return store.bucket("number:" + phoneNumberId + rateKey(perSecond), () -> pacedAt(perSecond).number());
    }

    private Bucket pairBucket(ThrottleBuckets store, String phoneNumberId, String recipient) {
        return store.bucket(pairKey(phoneNumberId, recipient), () -> pairConfiguration);
    }

    private static String pairKey(String phoneNumberId, String recipient) {
        return "pair:" + phoneNumberId + ":" + recipient;
    }

    private void storeReachable() {
        if (fallingBack) {
            fallingBack = false;
            log.info("Send throttle store reachable again; limits are shared again");
        }
    }

    /** The in-process buckets while the shared store cannot be reached; rethrows when there are none. */
    private ThrottleBuckets fallback(RuntimeException e) {
        ThrottleBuckets fallback = buckets.fallback();
        if (fallback == buckets) {
            throw e;
        }
        if (!fallingBack) {
            fallingBack = true;
            log.warn("Send throttle store unreachable ({}); keeping the limits in this instance", e.getMessage());
        }
        return fallback;
    }

    public ThrottleLimits limits() {
        return limits;
    }

    /**
     * In the order they are taken: the pair bucket first, which may wait for seconds, so that a waiting send does
     * not hold a token of the number's rate.
     */
    private List<Bucket> bucketsFor(ThrottleBuckets buckets, String phoneNumberId, String recipient,
                                    TrafficClass trafficClass) {
        List<Bucket> result = new ArrayList<>(3);
        result.add(pairBucket(buckets, phoneNumberId, recipient));
        result.addAll(rateBuckets(buckets, phoneNumberId, trafficClass));
        return result;
    }

    /**
     * From the shared buckets while their store answers, else from the fallback's (each instance then keeps the
     * limits on its own, which is as much as can be done while the store is away).
     */
    private long take(String phoneNumberId, String recipient, TrafficClass trafficClass) {
        return takeWithIndex(phoneNumberId, recipient, trafficClass)[0];
    }

    /** {wait nanos (0: taken), index of the bucket that refused (the pair bucket is 0)}. */
    private long[] takeWithIndex(String phoneNumberId, String recipient, TrafficClass trafficClass) {
        try {
            long[] wait = take(bucketsFor(buckets, phoneNumberId, recipient, trafficClass));
            storeReachable();
            return wait;
        } catch (RuntimeException e) {
            return take(bucketsFor(fallback(e), phoneNumberId, recipient, trafficClass));
        }
    }

    /**
     * Takes a token from every bucket or from none. Waiting callers try again instead of reserving a future slot
     * (Bucket4j's blocking consume), so a caller that wakes late cannot send in a slot that has passed while the
     * callers after it keep theirs: permits are spaced by the time they are taken.
     *
     * @return 0 when taken, else the nanoseconds to wait before trying again
     */
    private static long[] take(List<Bucket> needed) {
        for (int i = 0; i < needed.size(); i++) {
            ConsumptionProbe probe = needed.get(i).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                needed.subList(0, i).forEach(taken -> taken.addTokens(1));
                return new long[]{Math.max(1, probe.getNanosToWaitForRefill()), i};
            }
        }
        return new long[]{0, -1};
    }

    /** A number's rate and the campaigns' share of it, each paced. */
    private record Paced(BucketConfiguration number, BucketConfiguration campaign) {
    }

    private Paced pacedAt(int numberPerSecond) {
        return pacedByRate.computeIfAbsent(numberPerSecond, perSecond -> {
            int campaign = limits.campaignMessagesPerSecond(perSecond);
            return new Paced(paced(perSecond), paced(campaign));
        });
    }

    /**
     * Refilled greedily, so sends are spaced evenly instead of bursting. The capacity is what accrues in
     * {@link #LATE_WAKE} (at least 1, and at most what still leaves 95% of the rate sustained): a sender that wakes up
     * to that much late finds the tokens that accrued meanwhile instead of losing them, and the refill is lowered by as
     * much, so that no one-second window ever holds more than the rate (capacity + refill over a second and the
     * margin). At 1,000 msg/s: 25 tokens, 976 per 1.02 s, at most 981 in any second, 95.7% sustained; at 80 msg/s:
     * 2 tokens, 79 per 1.02 s, 96.8% sustained. (With 1 token below 100 msg/s, every wake-up later than the next token
     * lost what had accrued: a sender waking 3-4 ms late on a busy machine got 52 of a campaign's 64 msg/s.)
     */
    private BucketConfiguration paced(int perSecond) {
        Duration second = Duration.ofSeconds(1).plus(limits.windowMargin());
        int capacity = capacity(perSecond, second);
        Bandwidth bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(perSecond - capacity + 1, second)
                .initialTokens(1).build();
        return BucketConfiguration.builder().addLimit(bandwidth).build();
    }

    /** How late a sender may wake without losing tokens, where the rate allows it. */
    static final Duration LATE_WAKE = Duration.ofMillis(25);

    static int capacity(int perSecond, Duration second) {
        int lateWake = (int) Math.ceil(perSecond * (LATE_WAKE.toNanos() / 1e9));
        double secondsPerSecond = second.toNanos() / 1e9;
        int keeping95Percent = (int) Math.floor(perSecond - 0.95 * perSecond * secondsPerSecond + 1);
        return Math.max(1, Math.min(lateWake, keeping95Percent));
    }
}
