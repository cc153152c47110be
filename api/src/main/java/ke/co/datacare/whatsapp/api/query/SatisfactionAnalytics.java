package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Customer satisfaction (CSAT) of the surveys sent in the period: overall, per Nairobi day, per agent who resolved
 * the conversation, and per reason the conversation was handed to a person ({@code none}: it never was).
 */
public record SatisfactionAnalytics(LocalDate from, LocalDate to, String timeZone, SatisfactionScore overall, List<DayScore> days,
                                    List<AgentScore> agents, List<HandoffReasonScore> handoffReasons) {

    /**
     * @param surveys      surveys sent
     * @param ratings      surveys answered
     * @param responseRate {@code ratings / surveys}, null without surveys
     * @param average      the mean rating (1 to 5), null without ratings
     * @param csat         the share of ratings of 4 or 5, in percent, null without ratings
     * @param distribution ratings per score, {@code "1"} to {@code "5"}
     */
    public record SatisfactionScore(long surveys, long ratings, Double responseRate, Double average, Double csat,
                        Map<String, Long> distribution) {
    }

    public record DayScore(LocalDate date, SatisfactionScore score) {
    }

    public record AgentScore(String agentId, SatisfactionScore score) {
    }

    public record HandoffReasonScore(String reason, SatisfactionScore score) {
    }
}
