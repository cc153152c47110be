package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;

/** Message and delivery figures per Nairobi calendar day or ISO week (Monday to Sunday), {@code from} to {@code to}. */
public record FindAnalyticsOverview(LocalDate from, LocalDate to, Granularity granularity) {

    public enum Granularity {
        DAY, WEEK
    }
}
