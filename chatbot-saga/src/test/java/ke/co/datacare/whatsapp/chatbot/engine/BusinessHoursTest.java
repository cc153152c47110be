package ke.co.datacare.whatsapp.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningHours;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessHoursTest {

    private static final BusinessHours HOURS = new BusinessHours(ChatbotConfigLoader.defaults().businessHours());

    private final TimeZone jvmZone = TimeZone.getDefault();

    @AfterEach
    void restoreJvmZone() {
        TimeZone.setDefault(jvmZone);
    }

    @ParameterizedTest(name = "{0} {1} open={2}")
    @CsvSource(delimiter = '|', textBlock = """
            MONDAY    | 2026-01-05T07:59 | false
            MONDAY    | 2026-01-05T08:00 | true
            MONDAY    | 2026-01-05T12:30 | true
            TUESDAY   | 2026-01-06T17:59 | true
            TUESDAY   | 2026-01-06T18:00 | false
            WEDNESDAY | 2026-01-07T03:00 | false
            WEDNESDAY | 2026-01-07T09:15 | true
            THURSDAY  | 2026-01-08T23:59 | false
            FRIDAY    | 2026-01-09T17:30 | true
            FRIDAY    | 2026-01-09T18:30 | false
            SATURDAY  | 2026-01-10T08:59 | false
            SATURDAY  | 2026-01-10T09:00 | true
            SATURDAY  | 2026-01-10T12:59 | true
            SATURDAY  | 2026-01-10T13:00 | false
            SUNDAY    | 2026-01-11T10:00 | false
            SUNDAY    | 2026-01-11T15:00 | false
            """)
    void keeps_the_weekly_schedule_in_nairobi_time(DayOfWeek day, String nairobiTime, boolean open) {
        Instant at = Nairobi.at(nairobiTime);

        assertThat(at.atZone(Nairobi.ZONE).getDayOfWeek()).isEqualTo(day);
        assertThat(HOURS.isOpen(at)).isEqualTo(open);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-01-01T10:00", "2026-04-03T10:00", "2026-05-01T09:00", "2026-12-25T12:00",
            "2026-12-12T10:00", "2026-10-20T16:00"})
    void closes_on_public_holidays(String nairobiTime) {
        assertThat(HOURS.isOpen(Nairobi.at(nairobiTime))).isFalse();
    }

    @ParameterizedTest(name = "JVM default zone {0}")
    @ValueSource(strings = {"UTC", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"})
    void judges_17_59_and_18_00_in_nairobi_whatever_the_jvm_zone(String jvmDefault) {
        TimeZone.setDefault(TimeZone.getTimeZone(jvmDefault));

        assertThat(HOURS.isOpen(Instant.parse("2026-01-05T14:59:00Z"))).isTrue();
        assertThat(HOURS.isOpen(Instant.parse("2026-01-05T14:59:59.999Z"))).isTrue();
        assertThat(HOURS.isOpen(Instant.parse("2026-01-05T15:00:00Z"))).isFalse();
        assertThat(HOURS.isOpen(Instant.parse("2026-01-05T05:00:00Z"))).isTrue();
        assertThat(HOURS.dateAt(Instant.parse("2026-01-05T22:00:00Z"))).isEqualTo(LocalDate.of(2026, 1, 6));
    }

    @Test
    void follows_the_configured_zone_not_nairobi_by_habit() {
        BusinessHours lagos = new BusinessHours(new OpeningHours("Africa/Lagos",
                Map.of(DayOfWeek.MONDAY, List.of(new OpeningWindow(LocalTime.of(8, 0), LocalTime.of(18, 0)))),
                List.of()));

        assertThat(lagos.isOpen(Instant.parse("2026-01-05T16:59:00Z"))).isTrue();
        assertThat(lagos.isOpen(Instant.parse("2026-01-05T17:00:00Z"))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-09T18:00 | 2026-01-10T09:00
            2026-01-10T13:00 | 2026-01-12T08:00
            2026-01-11T23:59 | 2026-01-12T08:00
            2026-01-12T06:00 | 2026-01-12T08:00
            2026-04-02T18:30 | 2026-04-04T09:00
            2026-04-04T13:30 | 2026-04-07T08:00
            2026-12-24T18:00 | 2026-12-28T08:00
            """)
    void finds_the_next_opening_over_weekends_and_holidays(String nairobiTime, String expectedOpening) {
        assertThat(HOURS.nextOpening(Nairobi.at(nairobiTime))).contains(Nairobi.at(expectedOpening));
    }

    @Test
    void is_already_open_when_asked_for_the_next_opening_in_hours() {
        Instant tuesdayNoon = Nairobi.at("2026-01-06T12:00");

        assertThat(HOURS.nextOpening(tuesdayNoon)).contains(tuesdayNoon);
    }

    @Test
    void knows_no_next_opening_when_never_open() {
        BusinessHours never = new BusinessHours(new OpeningHours(null, Map.of(), List.of()));

        assertThat(never.zone()).isEqualTo(Nairobi.ZONE);
        assertThat(never.nextOpening(Nairobi.MONDAY_MORNING)).isEmpty();
    }
}
