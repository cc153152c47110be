package ke.co.datacare.whatsapp.command.graph;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static ke.co.datacare.whatsapp.command.graph.TrafficClass.CAMPAIGN;
import static ke.co.datacare.whatsapp.command.graph.TrafficClass.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;

class SendThrottleTest {

    private static final String NUMBER = "110000000000001";
    private static final String CUSTOMER = "254711111111";
    private static final String CAMPAIGN_RECIPIENT = "254722222222";
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration STEP = Duration.ofNanos(100_000);
    private static final int FIVE_SECONDS_OF_STEPS = 50_000;

    private final ManualTime time = new ManualTime();

    @Test
    void never_lets_more_than_the_rate_into_any_one_second_window() throws Exception {
        SendThrottle throttle = new SendThrottle(limits(50, 1000), new InProcessThrottleBuckets());
        ConcurrentLinkedQueue<Long> grantedAt = new ConcurrentLinkedQueue<>();
        AtomicInteger remaining = new AtomicInteger(150);
        CountDownLatch done = new CountDownLatch(4);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();

        for (int thread = 0; thread < 4; thread++) {
            senders.execute(() -> {
                try {
                    for (int n = remaining.getAndDecrement(); n > 0; n = remaining.getAndDecrement()) {
                        throttle.acquire(NUMBER, "2547" + n, CONVERSATION);
                        grantedAt.add(System.nanoTime());
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        senders.shutdown();

        assertThat(grantedAt).hasSize(150);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(2900));
        int busiestSecond = maxInAnyWindow(new ArrayList<>(grantedAt), ONE_SECOND);
        assertThat(busiestSecond).isLessThanOrEqualTo(50);
        assertThat(busiestSecond).as("the rate is used, not just respected").isGreaterThanOrEqualTo(35);
    }

    @Test
    void keeps_campaigns_within_their_share_of_the_rate() {
        SendThrottle throttle = manualThrottle(50, 1000);

        List<Long> granted = new ArrayList<>();
        for (int step = 0; step < FIVE_SECONDS_OF_STEPS; step++) {
            if (throttle.tryAcquire(NUMBER, CAMPAIGN_RECIPIENT, CAMPAIGN)) {
                granted.add(time.currentTimeNanos());
            }
            time.advance(STEP);
        }

        assertThat(maxInAnyWindow(granted, ONE_SECOND)).isEqualTo(40);
        assertThat(granted.size()).isBetween(190, 200);
    }

    @Test
    void at_a_thousand_a_second_a_sender_that_wakes_late_still_gets_95_percent_and_never_more_than_the_rate() {
        SendThrottle throttle = manualThrottle(1000, 1000);

        List<Long> granted = new ArrayList<>();
        for (int tick = 0; tick < 5_000; tick++) {
            // the sender wakes every 1.7 ms (late for a 1 ms spacing) and takes what it may, each to another recipient
            for (int i = 0; throttle.tryAcquire(NUMBER, "2547" + String.format("%08d", granted.size()), CONVERSATION); i++) {
                granted.add(time.currentTimeNanos());
            }
            time.advance(Duration.ofNanos(1_700_000));
        }

        double seconds = 5_000 * 1.7 / 1000;
        assertThat(maxInAnyWindow(granted, ONE_SECOND)).isLessThanOrEqualTo(1000);
        assertThat(granted.size() / seconds).isGreaterThanOrEqualTo(950);
    }

    @Test
    void at_eighty_a_second_a_campaign_sender_that_wakes_4_ms_late_still_gets_95_percent_of_its_share_and_never_more() {
        SendThrottle throttle = manualThrottle(80, 1000);

        List<Long> granted = tenSecondsOfASenderWaking4MsLate(() -> throttle.takeRate(NUMBER, CAMPAIGN, 50));

        assertThat(maxInAnyWindow(granted, ONE_SECOND)).isLessThanOrEqualTo(64);
        assertThat(granted.size() / 10.0).isGreaterThanOrEqualTo(0.95 * 64);
    }

    @Test
    void at_eighty_a_second_a_campaign_that_no_conversation_waits_behind_gets_95_percent_of_the_rate_and_never_more() {
        SendThrottle throttle = manualThrottle(80, 1000);

        List<Long> granted = tenSecondsOfASenderWaking4MsLate(() -> throttle.takeCampaignRate(NUMBER, 50, false));

        assertThat(maxInAnyWindow(granted, ONE_SECOND)).as("never more than the rate").isLessThanOrEqualTo(80);
        assertThat(granted.size() / 10.0).as("past the share of 64, at least 95% of the rate")
                .isGreaterThanOrEqualTo(0.95 * 80);
    }

    @Test
    void replies_waiting_keep_their_share_from_a_campaign_that_takes_the_unused_rate() {
        SendThrottle throttle = manualThrottle(1000, 1000);

        List<Long> campaign = new ArrayList<>();
        List<Long> conversations = new ArrayList<>();
        int waiting = 0;
        int arrived = 0;
        for (int tick = 0; tick < 5_000; tick++) {
            // a sender waking every 1.7 ms: 294 replies a second arrive (more than the reserved 200), served first;
            // then the campaign's bulk
            if (tick % 2 == 0) {
                waiting++;
                arrived++;
            }
            SendThrottle.RateTokens replies = throttle.takeRate(NUMBER, CONVERSATION, waiting);
            recordNow(replies, conversations);
            waiting -= replies.granted();
            SendThrottle.RateTokens bulk = throttle.takeCampaignRate(NUMBER, 256, waiting > 0);
            recordNow(bulk, campaign);
            time.advance(Duration.ofNanos(1_700_000));
        }

        double seconds = 5_000 * 1.7 / 1000;
        List<Long> all = new ArrayList<>(campaign);
        all.addAll(conversations);
        assertThat(maxInAnyWindow(all, ONE_SECOND)).isLessThanOrEqualTo(1000);
        assertThat(conversations.size()).as("every reply goes as it arrives").isGreaterThanOrEqualTo(arrived - 1);
        assertThat(all.size() / seconds).as("the campaign takes what the replies leave").isGreaterThanOrEqualTo(950);
    }

    @Test
    void lets_conversations_use_the_whole_rate_while_no_campaign_runs() {
        SendThrottle throttle = manualThrottle(50, 1000);

        List<Long> granted = new ArrayList<>();
        for (int step = 0; step < FIVE_SECONDS_OF_STEPS; step++) {
            if (throttle.tryAcquire(NUMBER, CUSTOMER, CONVERSATION)) {
                granted.add(time.currentTimeNanos());
            }
            time.advance(STEP);
        }

        assertThat(maxInAnyWindow(granted, ONE_SECOND)).isBetween(48, 50);
        assertThat(granted.size()).isBetween(240, 250);
    }

    @Test
    void keeps_the_reserved_share_for_conversations_while_a_campaign_takes_all_it_can() {
        SendThrottle throttle = manualThrottle(50, 1000);

        List<Long> campaign = new ArrayList<>();
        List<Long> conversations = new ArrayList<>();
        for (int step = 0; step < FIVE_SECONDS_OF_STEPS; step++) {
            if (throttle.tryAcquire(NUMBER, CAMPAIGN_RECIPIENT, CAMPAIGN)) {
                campaign.add(time.currentTimeNanos());
            }
            if (throttle.tryAcquire(NUMBER, CUSTOMER, CONVERSATION)) {
                conversations.add(time.currentTimeNanos());
            }
            time.advance(STEP);
        }

        List<Long> all = new ArrayList<>(campaign);
        all.addAll(conversations);
        assertThat(maxInAnyWindow(all, ONE_SECOND)).isLessThanOrEqualTo(50);
        assertThat(maxInAnyWindow(campaign, ONE_SECOND)).isLessThanOrEqualTo(40);
        assertThat(conversations.size()).isGreaterThanOrEqualTo(47);
    }

    @Test
    void lets_a_burst_of_45_reach_one_user_then_one_message_every_6_seconds() {
        SendThrottle throttle = manualThrottle(1000, 45);

        int granted = 0;
        for (int attempt = 0; attempt < 60; attempt++) {
            granted += throttle.tryAcquire(NUMBER, "254712345678", CONVERSATION) ? 1 : 0;
            time.advance(Duration.ofMillis(2));
        }
        assertThat(granted).isEqualTo(45);
        assertThat(throttle.tryAcquire(NUMBER, "254700000001", CONVERSATION)).isTrue();

        time.advance(Duration.ofSeconds(6));
        assertThat(throttle.tryAcquire(NUMBER, "254712345678", CONVERSATION)).isTrue();
        time.advance(Duration.ofMillis(2));
        assertThat(throttle.tryAcquire(NUMBER, "254712345678", CONVERSATION)).isFalse();
    }

    @Test
    void limits_each_business_number_separately() {
        SendThrottle throttle = manualThrottle(50, 1000);

        assertThat(throttle.tryAcquire(NUMBER, "254712345678", CONVERSATION)).isTrue();
        assertThat(throttle.tryAcquire(NUMBER, "254712345679", CONVERSATION)).isFalse();
        assertThat(throttle.tryAcquire("110000000000002", "254712345679", CONVERSATION)).isTrue();
    }

    @Test
    void a_number_is_paced_at_the_rate_its_throughput_level_gives_from_the_moment_meta_lists_it() {
        AtomicInteger metaLists = new AtomicInteger(80);
        SendThrottle throttle = new SendThrottle(limits(80, 100_000), new InProcessThrottleBuckets(time, 100_000),
                number -> metaLists.get());

        List<Long> standard = new ArrayList<>();
        for (int tick = 0; tick < 2_000; tick++) {
            recordNow(throttle.takeRate(NUMBER, CONVERSATION, 50), standard);
            time.advance(Duration.ofMillis(1));
        }
        metaLists.set(1_000);
        List<Long> high = new ArrayList<>();
        for (int tick = 0; tick < 2_000; tick++) {
            recordNow(throttle.takeRate(NUMBER, CONVERSATION, 50), high);
            time.advance(Duration.ofMillis(1));
        }

        assertThat(maxInAnyWindow(standard, ONE_SECOND)).isLessThanOrEqualTo(80).isGreaterThanOrEqualTo(76);
        assertThat(maxInAnyWindow(high, ONE_SECOND)).isLessThanOrEqualTo(1_000).isGreaterThanOrEqualTo(950);
    }

    @Test
    void a_refused_try_consumes_nothing() {
        SendThrottle throttle = manualThrottle(50, 1000);
        assertThat(throttle.tryAcquire(NUMBER, "254712345678", CONVERSATION)).isTrue();

        assertThat(throttle.tryAcquire(NUMBER, "254712345679", CAMPAIGN)).isFalse();
        time.advance(Duration.ofMillis(21));

        assertThat(throttle.tryAcquire(NUMBER, "254712345679", CAMPAIGN)).isTrue();
    }

    @Test
    void stops_waiting_when_interrupted() throws Exception {
        SendThrottle throttle = new SendThrottle(new ThrottleLimits(50, 0.2, 1, Duration.ofMinutes(1),
                ThrottleLimits.DEFAULT_WINDOW_MARGIN), new InProcessThrottleBuckets());
        throttle.acquire(NUMBER, "254712345678", CONVERSATION);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                throttle.acquire(NUMBER, "254712345678", CONVERSATION);
            } catch (Throwable thrown) {
                outcome.set(thrown);
            }
        });

        waiting.start();
        Thread.sleep(100);
        waiting.interrupt();
        waiting.join(2_000);

        assertThat(waiting.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void keeps_limiting_in_this_instance_while_the_shared_store_is_unreachable() {
        InProcessThrottleBuckets local = new InProcessThrottleBuckets(time, 100_000);
        ThrottleBuckets unreachable = new ThrottleBuckets() {
            @Override
            public io.github.bucket4j.Bucket bucket(String key,
                                                    java.util.function.Supplier<io.github.bucket4j.BucketConfiguration> configuration) {
                throw new IllegalStateException("Redis connection refused");
            }

            @Override
            public ThrottleBuckets fallback() {
                return local;
            }
        };
        SendThrottle throttle = new SendThrottle(limits(50, 1000), unreachable);

        assertThat(throttle.tryAcquire(NUMBER, "254712345678", CONVERSATION)).isTrue();
        assertThat(throttle.tryAcquire(NUMBER, "254712345679", CONVERSATION)).isFalse();
        time.advance(Duration.ofMillis(21));
        assertThat(throttle.tryAcquire(NUMBER, "254712345679", CONVERSATION)).isTrue();
    }

    @Test
    void rate_tokens_taken_many_at_once_keep_every_second_within_the_rate_and_campaigns_within_their_share() {
        SendThrottle throttle = manualThrottle(1000, 1000);

        List<Long> campaign = new ArrayList<>();
        List<Long> conversations = new ArrayList<>();
        for (int tick = 0; tick < 5_000; tick++) {
            // a sender waking every 1.7 ms takes what its lines want in one go: conversations first, then campaigns
            SendThrottle.RateTokens replies = throttle.takeRate(NUMBER, CONVERSATION, tick % 10 == 5 ? 2 : 0);
            recordNow(replies, conversations);
            SendThrottle.RateTokens bulk = throttle.takeRate(NUMBER, CAMPAIGN, 256);
            recordNow(bulk, campaign);
            time.advance(Duration.ofNanos(1_700_000));
        }

        double seconds = 5_000 * 1.7 / 1000;
        List<Long> all = new ArrayList<>(campaign);
        all.addAll(conversations);
        assertThat(maxInAnyWindow(all, ONE_SECOND)).isLessThanOrEqualTo(1000);
        assertThat(maxInAnyWindow(campaign, ONE_SECOND)).isLessThanOrEqualTo(800);
        assertThat(campaign.size() / seconds).as("the campaign's share is used").isGreaterThanOrEqualTo(760);
        assertThat(conversations.size()).as("the replies find their share").isGreaterThanOrEqualTo(990);
    }

    @Test
    void rate_tokens_given_back_are_taken_again_and_a_refusal_says_how_long_to_wait() {
        SendThrottle throttle = manualThrottle(50, 1000);

        SendThrottle.RateTokens taken = throttle.takeRate(NUMBER, CAMPAIGN, 5);
        assertThat(taken.granted()).isEqualTo(1);
        SendThrottle.RateTokens refused = throttle.takeRate(NUMBER, CAMPAIGN, 5);
        assertThat(refused.granted()).isZero();
        assertThat(refused.waitNanos()).isPositive();
        throttle.giveBack(NUMBER, CAMPAIGN, taken, 1);
        assertThat(throttle.takeRate(NUMBER, CONVERSATION, 1).granted()).as("given back to the number's bucket too")
                .isEqualTo(1);
    }

    @Test
    void a_recipient_at_its_pair_limit_is_refused_alone_without_a_token_of_the_rate() {
        SendThrottle throttle = manualThrottle(1000, 2);

        assertThat(throttle.pollPair(NUMBER, CUSTOMER).granted()).isTrue();
        assertThat(throttle.pollPair(NUMBER, CUSTOMER).granted()).isTrue();
        SendThrottle.Permit third = throttle.pollPair(NUMBER, CUSTOMER);
        assertThat(third.granted()).isFalse();
        assertThat(third.pairLimited()).isTrue();
        assertThat(third.waitNanos()).isPositive();
        assertThat(throttle.pollPair(NUMBER, CAMPAIGN_RECIPIENT).granted()).isTrue();
    }

    @Test
    void pair_permits_asked_for_together_refuse_only_the_recipients_at_their_limit_and_take_nothing_from_them() {
        SendThrottle throttle = manualThrottle(1000, 1);
        assertThat(throttle.pollPair(NUMBER, CUSTOMER).granted()).isTrue();

        List<SendThrottle.Permit> permits = throttle.pollPairs(List.of(new SendThrottle.Recipient(NUMBER, CUSTOMER),
                new SendThrottle.Recipient(NUMBER, CAMPAIGN_RECIPIENT), new SendThrottle.Recipient(NUMBER, "254700000009")));

        assertThat(permits).extracting(SendThrottle.Permit::granted).containsExactly(false, true, true);
        assertThat(permits.get(0).pairLimited()).isTrue();
        assertThat(permits.get(0).waitNanos()).isPositive();
        time.advance(Duration.ofSeconds(6));
        assertThat(throttle.pollPair(NUMBER, CUSTOMER).granted()).as("the refusal took nothing: one token after 6 s")
                .isTrue();
        assertThat(throttle.pollPair(NUMBER, CAMPAIGN_RECIPIENT).granted()).as("refilled too").isTrue();
        assertThat(throttle.pollPair(NUMBER, CAMPAIGN_RECIPIENT).granted()).as("its token was taken by the batch")
                .isFalse();
    }

    /**
     * When a sender got its tokens: it takes what it may, then parks until the throttle says the next token is due and
     * wakes 4 ms late.
     */
    private List<Long> tenSecondsOfASenderWaking4MsLate(java.util.function.Supplier<SendThrottle.RateTokens> take) {
        List<Long> granted = new ArrayList<>();
        long end = time.currentTimeNanos() + Duration.ofSeconds(10).toNanos();
        while (time.currentTimeNanos() < end) {
            SendThrottle.RateTokens tokens = take.get();
            recordNow(tokens, granted);
            time.advance(Duration.ofNanos(tokens.granted() > 0 ? 1 : tokens.waitNanos()).plusMillis(4));
        }
        return granted;
    }

    /** Each token granted, as a send at the current time. */
    private void recordNow(SendThrottle.RateTokens tokens, List<Long> sends) {
        for (int i = 0; i < tokens.granted(); i++) {
            sends.add(time.currentTimeNanos());
        }
    }

    private SendThrottle manualThrottle(int perSecond, int pairBurst) {
        return new SendThrottle(limits(perSecond, pairBurst), new InProcessThrottleBuckets(time, 100_000));
    }

    private static ThrottleLimits limits(int perSecond, int pairBurst) {
        return new ThrottleLimits(perSecond, 0.2, pairBurst, Duration.ofSeconds(6),
                ThrottleLimits.DEFAULT_WINDOW_MARGIN);
    }

    private static int maxInAnyWindow(List<Long> nanos, Duration window) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int max = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (sorted.get(last) - sorted.get(first) >= window.toNanos()) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }
}
