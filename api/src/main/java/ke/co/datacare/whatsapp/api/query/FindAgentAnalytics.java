package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;

/** Each agent's load and answers, Nairobi days {@code from} to {@code to} inclusive. */
public record FindAgentAnalytics(LocalDate from, LocalDate to) {
}
