package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.contact.ContactErased;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.MessageEditedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.NoteAdded;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAbandoned;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Consumer;

import static ke.co.datacare.whatsapp.query.batch.BatchWrites.timestamp;

/**
 * The timelines: every customer message, every message of ours with its send state, and the team's private notes,
 * once each (keyed by message key); the customer's reactions, revocations and edits change the message they name.
 * Axon calls only the most specific handler of an event, so the handlers of special inbound kinds record the
 * timeline row themselves.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
class TimelineProjection {

    /** The tables this projection owns: nobody else writes or reads them by SQL. */
    static final List<String> TABLES = List.of("timeline_message");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TimelineProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Private notes appear in the timeline for the team (direction {@code note}); they are not messages. */
    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence) {
        change(batch -> batch.timeline.add(INSERT_NOTE, event.noteId(), event.conversationId().value(), event.text(),
                "agent:" + event.authorId(), timestamp(event.at()), sequence, event.noteId()));
    }

    @EventHandler
    void on(InboundMessageEvent event, @SequenceNumber long sequence) {
        change(batch -> recordInbound(batch, event, sequence));
    }

    @EventHandler
    void on(ReactionAdded event, @SequenceNumber long sequence) {
        change(batch -> {
            recordInbound(batch, event, sequence);
            batch.messageChanges.add(SET_REACTION, event.emoji(), event.targetWamid(), event.conversationId().value());
        });
    }

    @EventHandler
    void on(ReactionRemoved event, @SequenceNumber long sequence) {
        change(batch -> {
            recordInbound(batch, event, sequence);
            batch.messageChanges.add(SET_REACTION, null, event.targetWamid(), event.conversationId().value());
        });
    }

    @EventHandler
    void on(MessageRevokedByCustomer event, @SequenceNumber long sequence) {
        change(batch -> {
            recordInbound(batch, event, sequence);
            batch.messageChanges.add(SET_REVOKED, event.originalWamid(), event.conversationId().value());
        });
    }

    @EventHandler
    void on(MessageEditedByCustomer event, @SequenceNumber long sequence) {
        change(batch -> {
            recordInbound(batch, event, sequence);
            batch.messageChanges.add(SET_EDITED, event.newText(), event.originalWamid(), event.conversationId().value());
        });
    }

    private void recordInbound(Batch batch, InboundMessageEvent event, long sequence) {
        TimelineEntry entry = TimelineEntry.of(event, json);
        batch.timeline.add(INSERT_INBOUND, entry.key(), event.conversationId().value(), event.wamid(), entry.type(),
                entry.text(), entry.mediaId(), entry.mimeType(), entry.filename(), entry.detailJson(), entry.replyToWamid(),
                entry.forwarded(), entry.reactionTarget(), entry.reactionEmoji(), timestamp(event.sentAt()), sequence,
                entry.key());
    }

    @EventHandler
    void on(OutboundMessageQueued event, @SequenceNumber long sequence) {
        OutboundEntry entry = OutboundEntry.of(event.content(), json);
        change(batch -> batch.timeline.add(INSERT_OUTBOUND, event.messageId(), event.conversationId().value(),
                entry.type(), entry.text(), entry.mediaId(), entry.filename(), entry.detailJson(), event.replyToWamid(),
                event.sentBy(), timestamp(event.queuedAt()), sequence, event.messageId()));
    }

    @EventHandler
    void on(OutboundMessageAccepted event) {
        change(batch -> batch.sendStates.add(SEND_ACCEPTED, event.wamid(), event.messageId()));
    }

    @EventHandler
    void on(OutboundMessageSendFailed event) {
        change(batch -> batch.sendStates.add(SEND_FAILED, event.errorCode(), event.errorTitle(), event.errorClass(),
                event.messageId()));
    }

    @EventHandler
    void on(OutboundMessageRetried event) {
        change(batch -> batch.sendStates.add(SEND_RETRYING, event.messageId()));
    }

    @EventHandler
    void on(OutboundMessageAbandoned event) {
        change(batch -> batch.sendStates.add(SEND_ABANDONED, event.reason(), event.messageId()));
    }

    /** The customer's messages and the notes about them read as erased; our own messages are kept as sent. */
    @EventHandler
    void on(ContactErased event) {
        change(batch -> event.conversationIds().forEach(conversation ->
                batch.messageChanges.add(ERASE_CONVERSATION, conversation.value())));
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from timeline_message");
    }

    private void change(Consumer<Batch> change) {
        Batch batch = BatchWrites.current(KEY, () -> new Batch(jdbc));
        change.accept(batch);
        BatchWrites.done(batch);
    }

    private static final String KEY = TimelineProjection.class.getName();
    private static final String INSERT_NOTE = "insert into timeline_message (message_key, conversation_id, direction, "
            + "type, text, sender, sent_at, event_index) select ?, ?, 'note', 'note', ?, ?, ?, ? where not exists "
            + "(select 1 from timeline_message where message_key = ?)";
    private static final String INSERT_INBOUND = "insert into timeline_message (message_key, conversation_id, direction, "
            + "wamid, type, text, media_id, mime_type, filename, detail_json, reply_to_wamid, forwarded, reaction_target, "
            + "reaction_emoji, sender, sent_at, event_index) select ?, ?, 'inbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "'customer', ?, ? where not exists (select 1 from timeline_message where message_key = ?)";
    private static final String INSERT_OUTBOUND = "insert into timeline_message (message_key, conversation_id, direction, "
            + "type, text, media_id, filename, detail_json, reply_to_wamid, sender, sent_at, event_index, send_state) "
            + "select ?, ?, 'outbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued' where not exists "
            + "(select 1 from timeline_message where message_key = ?)";
    private static final String SEND_ACCEPTED = "update timeline_message set wamid = ?, send_state = 'accepted', "
            + "send_error_code = null, send_error_title = null, send_error_class = null where message_key = ?";
    private static final String SEND_FAILED = "update timeline_message set send_state = 'failed', send_error_code = ?, "
            + "send_error_title = ?, send_error_class = ? where message_key = ?";
    private static final String SEND_RETRYING = "update timeline_message set send_state = 'retrying' where message_key = ?";
    private static final String SEND_ABANDONED = "update timeline_message set send_state = 'abandoned', "
            + "send_error_title = coalesce(send_error_title, ?) where message_key = ?";
    private static final String SET_REACTION = "update timeline_message set customer_reaction = ? where wamid = ? "
            + "and conversation_id = ?";
    private static final String SET_REVOKED = "update timeline_message set revoked = true where wamid = ? "
            + "and conversation_id = ?";
    private static final String ERASE_CONVERSATION = "update timeline_message set text = case when text is null then "
            + "null else 'erased' end, edited_text = case when edited_text is null then null else 'erased' end, "
            + "filename = case when filename is null then null else 'erased' end, media_id = case when media_id is null "
            + "then null else 'erased' end, detail_json = null where conversation_id = ? and direction <> 'outbound'";
    private static final String SET_EDITED = "update timeline_message set edited_text = ? where wamid = ? "
            + "and conversation_id = ?";

    /**
     * What one batch of events changes: timeline rows (inserted, then the send states of our messages in event
     * order, then the customer's reactions, revocations and edits, which may name a wamid a send state just set).
     */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        private final BatchWrites.Statements timeline = new BatchWrites.Statements(INSERT_NOTE, INSERT_INBOUND,
                INSERT_OUTBOUND);
        private final BatchWrites.Ordered sendStates = new BatchWrites.Ordered();
        private final BatchWrites.Statements messageChanges = new BatchWrites.Statements(SET_REACTION, SET_REVOKED,
                SET_EDITED, ERASE_CONVERSATION);

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void flush() {
            timeline.execute(jdbc);
            sendStates.execute(jdbc);
            messageChanges.execute(jdbc);
        }
    }
}
