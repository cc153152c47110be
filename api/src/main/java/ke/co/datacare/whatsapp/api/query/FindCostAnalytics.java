package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;

/** What our messages priced on Nairobi days {@code from} to {@code to} inclusive cost, per day or ISO week. */
public record FindCostAnalytics(LocalDate from, LocalDate to, FindAnalyticsOverview.Granularity granularity) {
}
