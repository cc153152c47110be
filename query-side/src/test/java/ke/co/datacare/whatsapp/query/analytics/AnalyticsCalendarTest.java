package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsCalendarTest {

    @Test
    void a_message_sent_after_nine_in_the_evening_utc_belongs_to_the_next_nairobi_day() {
        assertThat(AnalyticsCalendar.dayOf(Instant.parse("2026-11-24T20:59:59Z"))).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(AnalyticsCalendar.dayOf(Instant.parse("2026-11-24T21:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @Test
    void weeks_run_from_monday_to_sunday() {
        assertThat(AnalyticsCalendar.weekOf(LocalDate.of(2026, 11, 29))).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(AnalyticsCalendar.weekOf(LocalDate.of(2026, 11, 30))).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(AnalyticsCalendar.lastDayOf(LocalDate.of(2026, 11, 23), Granularity.WEEK))
                .isEqualTo(LocalDate.of(2026, 11, 29));
    }

    @Test
    void a_range_is_covered_by_whole_weeks_that_overlap_it() {
        assertThat(AnalyticsCalendar.periodStarts(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), Granularity.WEEK))
                .containsExactly(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9),
                        LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30));
    }

    @Test
    void a_range_of_days_includes_both_ends() {
        assertThat(AnalyticsCalendar.periodStarts(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 3, 1), Granularity.DAY))
                .containsExactly(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 2, 28), LocalDate.of(2024, 2, 29),
                        LocalDate.of(2024, 3, 1));
    }
}
