package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;

/** How each message template fared, for template messages queued on Nairobi days {@code from} to {@code to}. */
public record FindTemplateAnalytics(LocalDate from, LocalDate to) {
}
