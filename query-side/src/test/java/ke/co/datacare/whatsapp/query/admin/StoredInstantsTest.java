package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StoredInstantsTest {

    @Test
    void reads_random_stored_timestamps_as_axon_does_from_year_1_to_9999() {
        Random random = new Random(15);
        long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
                    random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredInstants.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void reads_every_other_form_and_refuses_what_axon_refuses() {
        for (String text : List.of("2026-11-03T08:00:00.120Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z",
                "2026-11-03T08:00:00Z", "2026-11-03T08:00:00.1Z", "2026-11-03T08:00:00.123456789Z",
                "2026-11-03T11:00:00.000+03:00", "+10000-01-01T00:00:00.000Z", "2025-02-29T00:00:00.000Z",
                "2026-02-30T08:00:00.000Z", "2026-13-03T08:00:00.000Z", "2026-00-03T08:00:00.000Z",
                "2026-11-00T08:00:00.000Z", "2026-11-03T24:00:00.000Z", "2026-11-03T08:60:00.000Z",
                "2026-11-03T08:00:60.000Z", "2026-11-03t08:00:00.000Z", "2026-11-03T08:00:00.000z",
                "2026-11-O3T08:00:00.000Z", "2026-11-03T08:00:00,000Z")) {
            assertThat(outcome(() -> StoredInstants.parse(text))).as(text)
                    .isEqualTo(outcome(() -> DateTimeUtils.parseInstant(text)));
        }
        assertThat(outcome(() -> StoredInstants.parse("2025-02-29T00:00:00.000Z"))).isNotInstanceOf(Instant.class);
    }

    private static Object outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
