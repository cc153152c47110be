package ke.co.datacare.whatsapp.app.operations;

import ke.co.datacare.whatsapp.command.graph.InProcessThrottleBuckets;
import ke.co.datacare.whatsapp.command.graph.SendThrottle;
import ke.co.datacare.whatsapp.command.graph.ThrottleBuckets;
import ke.co.datacare.whatsapp.command.graph.ThrottleLimits;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances' throttles on the local Redis, as two service processes sending from one number would have. */
class SharedThrottleTest {

    private static final String NUMBER = "110000000000001";
    private static final int RATE = 40;

    @Test
    void two_instances_sending_from_one_number_stay_together_under_its_rate() throws Exception {
        String prefix = "test:throttle:" + UUID.randomUUID() + ":";
        SharedThrottleConfiguration configuration = new SharedThrottleConfiguration();
        ThrottleLimits limits = new ThrottleLimits(RATE, 0.2, 1000, Duration.ofSeconds(6), Duration.ofMillis(20));
        SendThrottle first = new SendThrottle(limits, configuration.sharedThrottleBuckets("redis://127.0.0.1:6379", prefix));
        SendThrottle second = new SendThrottle(limits, configuration.sharedThrottleBuckets("redis://127.0.0.1:6379", prefix));
        List<Long> grantedAt = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(6);
        long start = System.nanoTime();

        List<Future<?>> running = new ArrayList<>();
        for (int sender = 0; sender < 6; sender++) {
            SendThrottle throttle = sender % 2 == 0 ? first : second;
            int id = sender;
            running.add(senders.submit(() -> {
                for (int message = 0; message < 20; message++) {
                    throttle.acquire(NUMBER, "2547" + id + "00000" + message, TrafficClass.CONVERSATION);
                    grantedAt.add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        for (Future<?> sender : running) {
            sender.get(30, TimeUnit.SECONDS);
        }
        senders.shutdown();

        assertThat(grantedAt).hasSize(120);
        assertThat(maxInAnyOneSecond(grantedAt)).isLessThanOrEqualTo(RATE);
    }

    @Test
    void pair_permits_asked_for_together_are_shared_with_the_other_instance() {
        String prefix = "test:throttle:" + UUID.randomUUID() + ":";
        ThrottleLimits limits = new ThrottleLimits(RATE, 0.2, 2, Duration.ofMinutes(10), Duration.ofMillis(20));
        // a patient timeout: this test is about sharing; a slow first answer would fall back to the instance's own buckets
        SendThrottle first = new SendThrottle(limits, patientlyShared(prefix));
        SendThrottle second = new SendThrottle(limits, patientlyShared(prefix));
        List<SendThrottle.Recipient> recipients = IntStream.range(0, 200)
                .mapToObj(i -> new SendThrottle.Recipient(NUMBER, "2547" + String.format("%08d", i))).toList();

        assertThat(first.pollPairs(recipients)).allMatch(SendThrottle.Permit::granted);
        assertThat(second.pollPairs(recipients)).as("the second of each recipient's burst of 2")
                .allMatch(SendThrottle.Permit::granted);
        List<SendThrottle.Permit> third = first.pollPairs(recipients);

        assertThat(third).noneMatch(SendThrottle.Permit::granted).allMatch(SendThrottle.Permit::pairLimited);
        assertThat(second.pollPair(NUMBER, "254799999999").granted()).as("a recipient not asked for before").isTrue();
    }

    @Test
    void without_redis_each_instance_keeps_the_limits_on_its_own() {
        ThrottleLimits limits = new ThrottleLimits(1, 0.2, 1000, Duration.ofSeconds(6), Duration.ofMillis(20));
        SendThrottle throttle = new SendThrottle(limits,
                new SharedThrottleConfiguration().sharedThrottleBuckets("redis://127.0.0.1:1", "test:throttle:"));

        assertThat(throttle.tryAcquire(NUMBER, "254700000001", TrafficClass.CONVERSATION)).isTrue();
        assertThat(throttle.tryAcquire(NUMBER, "254700000002", TrafficClass.CONVERSATION)).isFalse();
        assertThat(throttle.pollPairs(List.of(new SendThrottle.Recipient(NUMBER, "254700000003"))))
                .as("pair permits of a batch from this instance's buckets too").allMatch(SendThrottle.Permit::granted);
    }

    private static ThrottleBuckets patientlyShared(String prefix) {
        return new SharedThrottleConfiguration.RedisThrottleBuckets(new RedisBuckets("redis://127.0.0.1:6379",
                Duration.ofSeconds(10), Duration.ofSeconds(10)), prefix, new InProcessThrottleBuckets());
    }

    private static int maxInAnyOneSecond(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int max = 0;
        for (int from = 0, to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= 1_000_000_000L) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
