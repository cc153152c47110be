package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes down, in the caller's transaction, what the {@link OutboundSender} needs to make an attempt
 * ({@code outbound_message}) and which attempt is due ({@code pending_attempt}), and hands the attempt to the sender
 * once that transaction commits. Whoever writes an attempt down first hands it over; a second writer of the same
 * event (the backstop processor, another instance) finds it written and does nothing, and an attempt written down but
 * never handed over (the instance died at the commit) is found by the sender's sweep.
 */
@Component
class OutboundLedger {

    private static final String HAND_OVERS = OutboundLedger.class.getName() + ".handOvers";

    private final OutboundSender sender;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    OutboundLedger(OutboundSender sender, JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** The first attempt of a queued message; true when this call wrote it down (and hands it over). */
    boolean queued(OutboundMessageQueued event) {
        String content;
        try {
            content = json.writeValueAsString(event.content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("content of " + event.messageId() + " cannot be written", e);
        }
        // where not exists, not on conflict, so the embedded H2 takes it too; no writer races another on one message:
        // the backstop sees the event only after the transaction that wrote the row (with the event) committed
        boolean written = jdbc.update("insert into outbound_message (message_id, conversation_id, contact_id, "
                        + "phone_number_id, content_json, reply_to_wamid, sent_by, queued_at, pending_attempt, pending_since) "
                        + "select ?, ?, ?, ?, ?, ?, ?, ?, 1, ? where not exists "
                        + "(select 1 from outbound_message where message_id = ?)",
                event.messageId(), event.conversationId().value(), event.contactId().value(), event.phoneNumberId(),
                content, event.replyToWamid(), event.sentBy(), Timestamp.from(event.queuedAt()),
                Timestamp.from(clock.instant()), event.messageId()) == 1;
        if (written) {
            handOverAfterCommit(event.messageId(), 1);
        }
        return written;
    }

    /** A later attempt of a message; true when this call made it due (and hands it over). */
    boolean retried(OutboundMessageRetried event) {
        boolean written = jdbc.update("update outbound_message set wamid = null, pending_attempt = ?, pending_since = ? "
                        + "where message_id = ? and pending_attempt < ?", event.attempt(), Timestamp.from(clock.instant()),
                event.messageId(), event.attempt()) == 1;
        if (written) {
            handOverAfterCommit(event.messageId(), event.attempt());
        }
        return written;
    }

    /**
     * Hands the attempt over once the outermost unit of work committed, in the order the unit's events wrote them
     * down: Axon runs after-commit handlers in reverse order of registration (and a nested unit's with its parent's),
     * so one handler per unit hands over the whole list, or a bot's menu would reach Meta before its greeting.
     */
    private void handOverAfterCommit(String messageId, int attempt) {
        if (!CurrentUnitOfWork.isStarted()) {
            sender.handOver(messageId, attempt);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Runnable> handOvers = root.getOrComputeResource(HAND_OVERS, key -> {
            List<Runnable> inOrder = new ArrayList<>();
            root.afterCommit(unitOfWork -> inOrder.forEach(Runnable::run));
            return inOrder;
        });
        handOvers.add(() -> sender.handOver(messageId, attempt));
    }
}
