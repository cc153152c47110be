package ke.co.datacare.whatsapp.command.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BurstPolicyTest {

    private static final long MS = 1_000_000L;
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final BurstPolicy policy = new BurstPolicy(200, Duration.ofSeconds(30));

    @Test
    void webhooks_arriving_slower_than_the_burst_rate_are_dispatched_at_once() {
        policy.bursting(0, 1_000 * MS);

        assertThat(policy.bursting(19, 1_100 * MS)).as("190 per second").isFalse();
    }

    @Test
    void during_a_burst_the_stored_bodies_wait() {
        policy.bursting(0, 1_000 * MS);

        assertThat(policy.bursting(50, 1_100 * MS)).as("500 per second").isTrue();
        assertThat(policy.mayWait(NOW.minusSeconds(5), NOW)).isTrue();
    }

    @Test
    void no_body_waits_longer_than_the_maximum_deferral_even_during_a_burst() {
        policy.bursting(0, 1_000 * MS);
        policy.bursting(50, 1_100 * MS);

        assertThat(policy.mayWait(NOW.minusSeconds(30), NOW)).isFalse();
        assertThat(policy.mayWait(null, NOW)).as("nothing waits").isFalse();
    }

    @Test
    void the_rate_is_measured_over_at_least_a_tenth_of_a_second() {
        policy.bursting(0, 1_000 * MS);
        policy.bursting(50, 1_100 * MS);

        assertThat(policy.bursting(51, 1_150 * MS)).as("still the last full sample").isTrue();
        assertThat(policy.bursting(52, 1_200 * MS)).as("2 in the last 100 ms").isFalse();
    }

    @Test
    void a_maximum_deferral_of_zero_never_defers() {
        BurstPolicy never = new BurstPolicy(200, Duration.ZERO);
        never.bursting(0, 1_000 * MS);

        assertThat(never.bursting(1_000, 1_100 * MS)).isFalse();
    }
}
