package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Conversation times for analytics, in the {@code analytics} group (replayed with it): how long customers waited
 * for our first answer and who gave it, how long episodes took to resolve, which were handed to people and why,
 * assignments per agent, and how far each template message got. Every conversation event is applied once: the
 * last sequence applied per conversation is kept in {@code analytics_episode}. Bot messages are sent by
 * {@code bot}, agents' by {@code agent:<id>}; campaign messages are not answers.
 */
@Component
@ProcessingGroup(AnalyticsProjection.GROUP)
public class ConversationTimesProjection {

    static final String[] TABLES = {"analytics_template_message", "analytics_assignment", "analytics_handoff",
            "analytics_response", "analytics_episode_log", "analytics_episode"};

    private static final String AGENT = "agent:";

    private final JdbcTemplate jdbc;

    public ConversationTimesProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConversationStarted event, @SequenceNumber long sequence) {
        String conversation = event.conversationId().value();
        int inserted = jdbc.update("insert into analytics_episode (conversation_id, last_sequence, episode, opened_at) "
                        + "select ?, ?, 1, ? where not exists (select 1 from analytics_episode where conversation_id = ?)",
                conversation, sequence, ts(event.startedAt()), conversation);
        if (inserted == 1) {
            logEpisode(conversation, 1, event.startedAt());
        }
    }

    @EventHandler
    void on(ConversationReopened event, @SequenceNumber long sequence) {
        String conversation = event.conversationId().value();
        if (advance(conversation, sequence)) {
            jdbc.update("update analytics_episode set episode = episode + 1, opened_at = ?, assignee = null "
                    + "where conversation_id = ?", ts(event.at()), conversation);
            logEpisode(conversation, currentEpisode(conversation), event.at());
        }
    }

    @EventHandler
    void on(InboundMessageEvent event, @SequenceNumber long sequence) {
        String conversation = event.conversationId().value();
        if (advance(conversation, sequence) && event.opensWindow()) {
            jdbc.update("update analytics_episode set waiting_since = ? where conversation_id = ? and waiting_since is null",
                    ts(event.sentAt()), conversation);
        }
    }

    @EventHandler
    void on(OutboundMessageQueued event, @SequenceNumber long sequence) {
        String conversation = event.conversationId().value();
        if (!advance(conversation, sequence)) {
            return;
        }
        if (event.content() instanceof TemplateContent template) {
            jdbc.update("insert into analytics_template_message (message_id, template_name, language, queued_on, accepted, "
                            + "progress, failed) select ?, ?, ?, ?, false, 0, false where not exists "
                            + "(select 1 from analytics_template_message where message_id = ?)", event.messageId(),
                    template.name(), template.language(), AnalyticsCalendar.dayOf(event.queuedAt()), event.messageId());
        }
        String sentBy = event.sentBy() == null ? "" : event.sentBy();
        boolean agent = sentBy.startsWith(AGENT);
        if (!agent && !"bot".equals(sentBy)) {
            return;
        }
        Timestamp waitingSince = jdbc.query("select waiting_since from analytics_episode where conversation_id = ?",
                rs -> rs.next() ? rs.getTimestamp(1) : null, conversation);
        if (waitingSince == null) {
            return;
        }
        long waited = Math.max(0, Duration.between(waitingSince.toInstant(), event.queuedAt()).toSeconds());
        jdbc.update("insert into analytics_response (conversation_id, sequence_number, responded_on, waited_from, "
                        + "wait_seconds, responder, agent_id) values (?, ?, ?, ?, ?, ?, ?)", conversation, sequence,
                AnalyticsCalendar.dayOf(event.queuedAt()), waitingSince, waited, agent ? "agent" : "bot",
                agent ? sentBy.substring(AGENT.length()) : null);
        jdbc.update("update analytics_episode set waiting_since = null where conversation_id = ?", conversation);
    }

    @EventHandler
    void on(HandoffRequested event, @SequenceNumber long sequence) {
        String conversation = event.conversationId().value();
        if (advance(conversation, sequence)) {
            jdbc.update("insert into analytics_handoff (conversation_id, sequence_number, day_date, reason) values (?, ?, ?, ?)",
                    conversation, sequence, AnalyticsCalendar.dayOf(event.at()), event.reason());
            jdbc.update("update analytics_episode_log set handed_off = true where conversation_id = ? and episode = ?",
                    conversation, currentEpisode(conversation));
        }
    }

    @EventHandler
    void on(ConversationAssigned event, @SequenceNumber long sequence) {
        String conversation = event.conversationId().value();
        if (advance(conversation, sequence)) {
            jdbc.update("insert into analytics_assignment (conversation_id, sequence_number, day_date, agent_id) "
                    + "values (?, ?, ?, ?)", conversation, sequence, AnalyticsCalendar.dayOf(event.at()), event.agentId());
            jdbc.update("update analytics_episode set assignee = ? where conversation_id = ?", event.agentId(), conversation);
        }
    }

    @EventHandler
    void on(ConversationUnassigned event, @SequenceNumber long sequence) {
        release(event.conversationId().value(), sequence);
    }

    @EventHandler
    void on(ConversationHandedBackToBot event, @SequenceNumber long sequence) {
        release(event.conversationId().value(), sequence);
    }

    @EventHandler
    void on(ConversationResolved event, @SequenceNumber long sequence) {
        String conversation = event.conversationId().value();
        if (!advance(conversation, sequence)) {
            return;
        }
        Timestamp openedAt = jdbc.queryForObject("select opened_at from analytics_episode where conversation_id = ?",
                Timestamp.class, conversation);
        String by = event.by() != null && event.by().startsWith(AGENT) ? event.by().substring(AGENT.length()) : event.by();
        jdbc.update("update analytics_episode_log set resolved_on = ?, resolution_seconds = ?, resolved_by = ? "
                        + "where conversation_id = ? and episode = ?", AnalyticsCalendar.dayOf(event.at()),
                Math.max(0, Duration.between(openedAt.toInstant(), event.at()).toSeconds()), by, conversation,
                currentEpisode(conversation));
        jdbc.update("update analytics_episode set assignee = null, waiting_since = null where conversation_id = ?",
                conversation);
    }

    @EventHandler
    void on(OutboundMessageAccepted event, @SequenceNumber long sequence) {
        if (advance(event.conversationId().value(), sequence)) {
            jdbc.update("update analytics_template_message set accepted = true where message_id = ?", event.messageId());
        }
    }

    @EventHandler
    void on(OutboundMessageSent event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.SENT);
    }

    @EventHandler
    void on(OutboundMessageDelivered event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.DELIVERED);
    }

    @EventHandler
    void on(OutboundMessageRead event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.READ);
    }

    @EventHandler
    void on(OutboundMessagePlayed event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.PLAYED);
    }

    @EventHandler
    void on(OutboundMessageFailed event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.FAILED);
    }

    @ResetHandler
    void reset() {
        for (String table : TABLES) {
            jdbc.update("delete from " + table);
        }
    }

    private void progress(String conversation, long sequence, String messageId, DeliveryStatus status) {
        if (!advance(conversation, sequence) || messageId == null) {
            return;
        }
        jdbc.query("select progress, failed from analytics_template_message where message_id = ?", rs -> {
            OutboundProgress after = new OutboundProgress(rs.getInt(1), rs.getBoolean(2)).with(status);
            jdbc.update("update analytics_template_message set progress = ?, failed = ? where message_id = ?",
                    after.rank(), after.failed(), messageId);
        }, messageId);
    }

    private void release(String conversation, long sequence) {
        if (advance(conversation, sequence)) {
            jdbc.update("update analytics_episode set assignee = null where conversation_id = ?", conversation);
        }
    }

    /** True if the event at {@code sequence} was not applied yet; it is now marked applied. */
    private boolean advance(String conversation, long sequence) {
        return jdbc.update("update analytics_episode set last_sequence = ? where conversation_id = ? and last_sequence < ?",
                sequence, conversation, sequence) == 1;
    }

    private int currentEpisode(String conversation) {
        Integer episode = jdbc.queryForObject("select episode from analytics_episode where conversation_id = ?",
                Integer.class, conversation);
        return episode == null ? 1 : episode;
    }

    private void logEpisode(String conversation, int episode, Instant openedAt) {
        jdbc.update("insert into analytics_episode_log (conversation_id, episode, opened_on, handed_off) select ?, ?, ?, false "
                        + "where not exists (select 1 from analytics_episode_log where conversation_id = ? and episode = ?)",
                conversation, episode, AnalyticsCalendar.dayOf(openedAt), conversation, episode);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
