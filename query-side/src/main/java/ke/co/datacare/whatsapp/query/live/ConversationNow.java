package ke.co.datacare.whatsapp.query.live;

import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.query.lifecycle.ConversationLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Where a conversation stands once an event is applied: its inbox row, with the event applied by the inbox's own
 * rules if the inbox has not applied it yet. The lifecycle fold gives the same state applied once or twice, and a
 * message counts as unread only if the row has not counted it (its last sequence number is older).
 */
@Component
class ConversationNow {

    record State(String status, String assignee, Integer unreadCount) {
    }

    private final JdbcTemplate jdbc;

    ConversationNow(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    State after(String conversationId, Object event, Long sequence) {
        List<State> found = jdbc.query("select status, assignee, status_before_snooze, unread_count, last_sequence "
                + "from inbox_conversation "
                + "where conversation_id = ?", (rs, i) -> {
            ConversationLifecycle lifecycle = new ConversationLifecycle(rs.getString("status"), rs.getString("assignee"),
                    null, null, rs.getString("status_before_snooze"), null).apply(event);
            int unread = rs.getInt("unread_count");
            if (event instanceof ConversationMarkedRead) {
                unread = 0;
            } else if (event instanceof InboundMessageEvent && sequence != null && rs.getLong("last_sequence") < sequence) {
                unread++;
            }
            return new State(lifecycle.status(), lifecycle.assignee(), unread);
        }, conversationId);
        if (found.isEmpty()) { // a new conversation whose row the inbox has not written yet
            ConversationLifecycle lifecycle = ConversationLifecycle.started().apply(event);
            return new State(lifecycle.status(), lifecycle.assignee(), event instanceof InboundMessageEvent ? 1 : 0);
        }
        return found.get(0);
    }
}
