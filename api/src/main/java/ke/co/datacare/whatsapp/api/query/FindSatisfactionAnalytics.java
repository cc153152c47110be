package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;

/** Customer satisfaction of the surveys sent on Nairobi days {@code from} to {@code to} inclusive. */
public record FindSatisfactionAnalytics(LocalDate from, LocalDate to) {
}
