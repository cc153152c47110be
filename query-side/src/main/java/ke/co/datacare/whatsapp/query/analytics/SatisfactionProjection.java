package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.conversation.SatisfactionRated;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionSurveySent;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * Satisfaction surveys and their ratings, one row per survey, in the read-model group (replayed with it).
 * Both writes are idempotent: a survey is inserted once, and only its first rating counts.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
public class SatisfactionProjection {

    static final List<String> TABLES = List.of("analytics_satisfaction");

    private static final String AGENT = "agent:";
    private static final int AGENT_LENGTH = 200;
    private static final int REASON_LENGTH = 64;

    private final JdbcTemplate jdbc;

    public SatisfactionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SatisfactionSurveySent event) {
        jdbc.update("insert into analytics_satisfaction (survey_message_id, conversation_id, agent_id, handoff_reason, "
                        + "sent_at, sent_on) select ?, ?, ?, ?, ?, ? where not exists "
                        + "(select 1 from analytics_satisfaction where survey_message_id = ?)",
                event.surveyMessageId(), event.conversationId().value(), cut(agentId(event.agent()), AGENT_LENGTH),
                cut(event.handoffReason(), REASON_LENGTH), Timestamp.from(event.at()),
                AnalyticsCalendar.dayOf(event.at()), event.surveyMessageId());
    }

    @EventHandler
    void on(SatisfactionRated event) {
        jdbc.update("update analytics_satisfaction set rating = ?, rated_at = ? where survey_message_id = ? "
                + "and rating is null", event.rating(), Timestamp.from(event.ratedAt()), event.surveyMessageId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from analytics_satisfaction");
    }

    private static String agentId(String by) {
        return by != null && by.startsWith(AGENT) ? by.substring(AGENT.length()) : by;
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
