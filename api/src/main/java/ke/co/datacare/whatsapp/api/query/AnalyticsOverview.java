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
                         List<ErrorCount> topErrors, Conversations conversations) {
    }

    /**
     * How we answered. {@code firstResponse}: from a customer message that found nobody owing them an answer to our
     * next message (bot, agent, or staff on the WhatsApp Business app; campaigns do not count), in the period of that
     * answer; split by whether the customer wrote inside or outside business hours (absent when business hours are not
     * known), and for people alone ({@code agentFirstResponse}: agents and the business app). {@code resolution}: from a conversation's start or reopening to its resolution, in the period of the
     * resolution. {@code episodes}: conversations started or reopened in the period; {@code contained} of them never
     * handed to people ({@code botContainmentRate} = contained / episodes); handoffs in the period by reason.
     */
    public record Conversations(Durations firstResponse, Durations firstResponseInBusinessHours,
                                Durations firstResponseOutsideBusinessHours, Durations agentFirstResponse,
                                Durations resolution, long episodes, long contained, Double botContainmentRate,
                                Map<String, Long> handoffReasons) {
    }

    /** How many, and the median and 90th percentile in seconds (absent when there are none). */
    public record Durations(long count, Long medianSeconds, Long p90Seconds) {
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
