package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Figures per period. Inbound messages and contacts count by the customer's message time; an outbound
 * message counts in the period of its first status report. Rates are fractions (0.25 is a quarter) and
 * absent when nothing was sent.
 */
public record AnalyticsOverview(LocalDate from, LocalDate to, String granularity, String timeZone,
                                List<Period> periods) {

    public record Period(LocalDate start, LocalDate end, Inbound inbound, Contacts contacts, Outbound outbound,
                         List<ErrorCount> topErrors) {
    }

    public record Inbound(long total, Map<String, Long> byType) {
    }

    /** Contacts who wrote in the period; a contact is new in the period of its first message. */
    public record Contacts(long active, long newContacts, long returningContacts) {
    }

    public record Outbound(long messages, long sent, long delivered, long read, long failed, Double deliveryRate,
                           Double readRate, Double failureRate) {
    }

    public record ErrorCount(int code, String title, long failures) {
    }
}
