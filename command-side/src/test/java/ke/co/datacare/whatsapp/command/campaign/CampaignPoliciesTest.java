package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.command.number.MessagingLimit;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.ParameterSource;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignPoliciesTest {

    /** 2026-12-01 07:00 UTC is 10:00 in Nairobi (UTC+3). */
    private static final Instant TEN_AM_NAIROBI = Instant.parse("2026-12-01T07:00:00Z");

    @Test
    void a_day_window_is_open_inside_its_hours_and_next_opens_the_same_or_the_next_morning() {
        SendWindowPolicy window = new SendWindowPolicy(new SendWindow(LocalTime.of(8, 0), LocalTime.of(20, 0), "Africa/Nairobi"));
        assertThat(window.isOpen(TEN_AM_NAIROBI)).isTrue();
        Instant tenPm = TEN_AM_NAIROBI.plus(Duration.ofHours(12));
        assertThat(window.isOpen(tenPm)).isFalse();
        assertThat(window.nextOpening(tenPm)).isEqualTo(Instant.parse("2026-12-02T05:00:00Z"));
        Instant sixAm = TEN_AM_NAIROBI.minus(Duration.ofHours(4));
        assertThat(window.nextOpening(sixAm)).isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
        assertThat(window.isOpen(Instant.parse("2026-12-01T17:00:00Z"))).as("20:00 itself is closed").isFalse();
    }

    @Test
    void a_window_over_midnight_is_open_late_and_early() {
        SendWindowPolicy window = new SendWindowPolicy(new SendWindow(LocalTime.of(22, 0), LocalTime.of(2, 0), null));
        assertThat(window.isOpen(Instant.parse("2026-12-01T20:00:00Z"))).as("23:00 Nairobi").isTrue();
        assertThat(window.isOpen(Instant.parse("2026-12-01T22:30:00Z"))).as("01:30 Nairobi").isTrue();
        assertThat(window.isOpen(TEN_AM_NAIROBI)).isFalse();
        assertThat(window.nextOpening(TEN_AM_NAIROBI)).isEqualTo(Instant.parse("2026-12-01T19:00:00Z"));
    }

    @Test
    void no_window_is_always_open_and_a_broken_one_is_named() {
        assertThat(new SendWindowPolicy(null).isOpen(TEN_AM_NAIROBI)).isTrue();
        assertThat(SendWindowPolicy.problemWith(new SendWindow(LocalTime.NOON, LocalTime.NOON, null))).isNotNull();
        assertThat(SendWindowPolicy.problemWith(new SendWindow(LocalTime.NOON, LocalTime.MIDNIGHT, "Mars/Olympus"))).isNotNull();
    }

    @Test
    void the_messaging_limit_has_meta_s_tiers_and_counts_what_is_left() {
        assertThat(MessagingLimit.parse("2000").remaining(1_500)).isEqualTo(500);
        assertThat(MessagingLimit.parse("10k").remaining(12_000)).isZero();
        assertThat(MessagingLimit.parse("100,000").uniqueRecipientsPer24h()).isEqualTo(100_000);
        assertThat(MessagingLimit.parse("unlimited").unlimited()).isTrue();
        assertThat(MessagingLimit.parse("TIER_1K").uniqueRecipientsPer24h()).as("as Meta names it").isEqualTo(1_000);
        assertThat(MessagingLimit.parse("-1").unlimited()).isTrue();
        assertThatThrownBy(() -> MessagingLimit.parse("1500")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MessagingLimit.freesUpAt(TEN_AM_NAIROBI, TEN_AM_NAIROBI)).isEqualTo(TEN_AM_NAIROBI.plus(Duration.ofHours(24)));
    }

    @Test
    void parameters_come_from_the_contact_or_their_default() {
        CampaignContent content = new CampaignContent("december_offer", "en", List.of(
                ParameterSource.profileName("customer"), new ParameterSource("firstName", null, "rafiki"),
                new ParameterSource("username", null, "rafiki"), new ParameterSource("phoneNumber", null, null),
                ParameterSource.text("DEC20")));
        TemplateContent known = RecipientParameters.messageFor(content,
                new RecipientParameters.Contact("Wanjiku Kamau", "wanjiku.k", "254711000001"));
        TemplateContent unknown = RecipientParameters.messageFor(content, new RecipientParameters.Contact(" ", null, null));

        assertThat(known.components().get(0).parameters()).extracting(p -> p.text())
                .containsExactly("Wanjiku Kamau", "Wanjiku", "wanjiku.k", "+254711000001", "DEC20");
        assertThat(unknown.components().get(0).parameters()).extracting(p -> p.text())
                .containsExactly("customer", "rafiki", "rafiki", "customer", "DEC20");
        assertThat(RecipientParameters.problemWith(new ParameterSource("city", null, null))).isNotNull();
        assertThat(RecipientParameters.messageFor(new CampaignContent("hello_world", "en_US", List.of()),
                new RecipientParameters.Contact(null, null, null)).components()).isEmpty();
    }

    @Test
    void phone_numbers_need_the_international_format() {
        assertThat(AudienceResolver.waIdOf("+254 712-345 678")).isEqualTo("254712345678");
        assertThat(AudienceResolver.waIdOf("(254) 712.345.678")).isEqualTo("254712345678");
        assertThat(AudienceResolver.waIdOf("0712345678")).isNull();
        assertThat(AudienceResolver.waIdOf("12345")).isNull();
        assertThat(AudienceResolver.waIdOf("not-a-number")).isNull();
    }

    @Test
    void an_uploaded_csv_gives_its_phone_column_and_reports_the_rest() {
        AudienceCsv.Result result = AudienceCsv.read("\uFEFFName;Phone\r\n\"Kamau; Wanjiku\";+254711000001\r\n"
                + "Otieno;\r\nAchieng;07123\r\n\r\nMusa;254711000002\r\n");
        assertThat(result.phoneNumbers()).containsExactly("254711000001", "254711000002");
        assertThat(result.rejectedCount()).isEqualTo(1);
        assertThat(result.rejected().get(0).line()).isEqualTo(4);
        assertThatThrownBy(() -> AudienceCsv.read("name,number\nx,1")).hasMessageContaining("phone");
    }

    private static final java.util.function.ToLongFunction<String> NO_WAIT = id -> 0L;

    @Test
    void the_flight_runs_ahead_while_messages_clear_within_the_target_and_backs_off_when_they_do_not() {
        Flight flight = new Flight();
        Duration target = Duration.ofMillis(600);
        long ms = 1_000_000L;
        assertThat(flight.room(target, 4, 64, 0)).isEqualTo(4);
        flight.queued(List.of("a", "b", "c", "d"), 0);
        flight.settle(List.of("a", "b", "c", "d"), 100 * ms, Duration.ofMinutes(10), NO_WAIT);
        assertThat(flight.slowestRecent()).isEqualTo(Duration.ofMillis(100));
        assertThat(flight.room(target, 4, 64, 300 * ms)).as("fast: the lead grows by a quarter").isEqualTo(5);
        List<String> slow = java.util.stream.IntStream.range(0, 5).mapToObj(i -> "s" + i).toList();
        flight.queued(slow, 300 * ms);
        flight.settle(slow, 1_500 * ms, Duration.ofMinutes(10), NO_WAIT);
        assertThat(flight.room(target, 4, 64, 1_600 * ms)).as("1.2 s against 600 ms: back to the minimum").isEqualTo(4);
        for (int round = 0; round < 40; round++) {
            long now = (2_000 + round * 300L) * ms;
            flight.settle(List.of(), now, Duration.ofMinutes(10), NO_WAIT);
            flight.queued(List.of("f" + round), now);
            flight.settle(List.of("f" + round), now + ms, Duration.ofMinutes(10), NO_WAIT);
            flight.room(target, 4, 64, now + ms);
        }
        assertThat(flight.room(target, 4, 64, 20_000 * ms)).as("capped at what 64/s clears in 600 ms").isEqualTo(39);
        flight.queued(List.of("stuck"), 20_000 * ms);
        flight.settle(List.of(), 20_000 * ms + Duration.ofMinutes(11).toNanos(), Duration.ofMinutes(10), NO_WAIT);
        assertThat(flight.isEmpty()).as("stalled messages stop holding dispatch up").isTrue();
    }

    @Test
    void the_time_a_message_waited_for_the_rate_does_not_shrink_the_lead() {
        Flight flight = new Flight();
        Duration target = Duration.ofMillis(400);
        long ms = 1_000_000L;
        for (int round = 0; round < 40; round++) {
            long now = round * 300L * ms;
            flight.queued(List.of("f" + round), now);
            flight.settle(List.of("f" + round), now + ms, Duration.ofMinutes(10), NO_WAIT);
            flight.room(target, 4, 80, now + ms);
        }
        assertThat(flight.room(target, 4, 80, 12_000 * ms)).as("capped at what 80/s clears in 400 ms").isEqualTo(32);
        List<String> atCap = java.util.stream.IntStream.range(0, 32).mapToObj(i -> "c" + i).toList();
        flight.queued(atCap, 12_000 * ms);
        // the last of a full lead waits about the whole target for the throttle, plus 30 ms of the outbound path
        flight.settle(atCap, 12_430 * ms, Duration.ofMinutes(10), id -> 400 * ms);
        assertThat(flight.slowestRecent()).isEqualTo(Duration.ofMillis(30));
        assertThat(flight.room(target, 4, 80, 12_700 * ms)).as("judged without the rate's wait: the lead stays at its cap")
                .isEqualTo(32);
        List<String> slow = java.util.stream.IntStream.range(0, 32).mapToObj(i -> "s" + i).toList();
        flight.queued(slow, 13_000 * ms);
        flight.settle(slow, 13_800 * ms, Duration.ofMinutes(10), NO_WAIT);
        assertThat(flight.room(target, 4, 80, 14_000 * ms)).as("800 ms of the outbound path's own: halved").isEqualTo(16);
    }
}
