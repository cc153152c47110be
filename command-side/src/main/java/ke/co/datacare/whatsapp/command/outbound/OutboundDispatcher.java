package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Hands our queued and retried messages to the {@link OutboundSender} after their events are stored. Never replayed:
 * a replay must not message customers again. In the processor's transaction it writes down what the sender needs
 * ({@code outbound_message}) and which attempt is due ({@code pending_attempt}); once that commits, the sender takes
 * the attempt over, so this handler never waits for the throttle or for Meta. The sender claims each attempt
 * ({@code attempts}) right before it calls Meta, so a second handler of the same event (another instance) or a sweep
 * after a crash does not send it again; the message id goes out as {@code biz_opaque_callback_data}.
 */
@Component
@ProcessingGroup(OutboundDispatcher.GROUP)
class OutboundDispatcher {

    static final String GROUP = "outbound-dispatch";

    private final OutboundSender sender;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    OutboundDispatcher(OutboundSender sender, JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    void on(OutboundMessageQueued event) throws JsonProcessingException {
        jdbc.update("insert into outbound_message (message_id, conversation_id, contact_id, phone_number_id, "
                        + "content_json, reply_to_wamid, sent_by, queued_at, pending_attempt, pending_since) "
                        + "select ?, ?, ?, ?, ?, ?, ?, ?, 1, ? where not exists "
                        + "(select 1 from outbound_message where message_id = ?)", // a redelivered event adds nothing
                event.messageId(), event.conversationId().value(), event.contactId().value(), event.phoneNumberId(),
                json.writeValueAsString(event.content()), event.replyToWamid(), event.sentBy(),
                Timestamp.from(event.queuedAt()), Timestamp.from(clock.instant()), event.messageId());
        handOverAfterCommit(event.messageId(), 1);
    }

    @EventHandler
    @DisallowReplay
    void on(OutboundMessageRetried event) {
        jdbc.update("update outbound_message set wamid = null, pending_attempt = ?, pending_since = ? "
                        + "where message_id = ? and pending_attempt < ?", event.attempt(), Timestamp.from(clock.instant()),
                event.messageId(), event.attempt());
        handOverAfterCommit(event.messageId(), event.attempt());
    }

    private void handOverAfterCommit(String messageId, int attempt) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> sender.handOver(messageId, attempt));
        } else {
            sender.handOver(messageId, attempt);
        }
    }
}
