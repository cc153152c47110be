package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Per agent: conversations given to them and resolved by them in the period, their replies to a waiting customer
 * with the time the customer waited ({@code firstResponse}), and the conversations they hold now ({@code openNow}).
 */
public record AgentAnalytics(LocalDate from, LocalDate to, String timeZone, List<Agent> agents) {

    public record Agent(String agentId, long assigned, long resolved, AnalyticsOverview.Durations firstResponse,
                        long openNow) {
    }
}
