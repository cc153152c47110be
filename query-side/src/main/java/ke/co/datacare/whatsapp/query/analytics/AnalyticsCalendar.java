package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** Calendar days and ISO weeks (Monday to Sunday) as they fall in Nairobi. */
final class AnalyticsCalendar {

    static final ZoneId ZONE = ZoneId.of("Africa/Nairobi");

    private AnalyticsCalendar() {
    }

    static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static LocalDate periodOf(LocalDate day, Granularity granularity) {
        return granularity == Granularity.WEEK ? weekOf(day) : day;
    }

    static LocalDate lastDayOf(LocalDate periodStart, Granularity granularity) {
        return granularity == Granularity.WEEK ? periodStart.plusDays(6) : periodStart;
    }

    /** The periods that overlap {@code from} to {@code to}, both inclusive; weeks are always whole. */
    static List<LocalDate> periodStarts(LocalDate from, LocalDate to, Granularity granularity) {
        List<LocalDate> starts = new ArrayList<>();
        int step = granularity == Granularity.WEEK ? 7 : 1;
        for (LocalDate start = periodOf(from, granularity); !start.isAfter(to); start = start.plusDays(step)) {
            starts.add(start);
        }
        return starts;
    }
}
