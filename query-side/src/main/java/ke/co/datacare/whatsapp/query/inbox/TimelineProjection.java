package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.contact.ContactErased;
import ke.co.datacare.whatsapp.api.protection.MessageTextsRetentionApplied;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.HistoricalMessageImported;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
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
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void on(InboundMessageEvent event, @SequenceNumber long sequence, @Timestamp Instant receivedAt) {
        change(batch -> recordInbound(batch, event, sequence, receivedAt));
    }

    @EventHandler
    void on(ReactionAdded event, @SequenceNumber long sequence, @Timestamp Instant receivedAt) {
        change(batch -> {
            recordInbound(batch, event, sequence, receivedAt);
            batch.messageChanges.add(SET_REACTION, event.emoji(), event.targetWamid(), event.conversationId().value());
        });
    }

    @EventHandler
    void on(ReactionRemoved event, @SequenceNumber long sequence, @Timestamp Instant receivedAt) {
        change(batch -> {
            recordInbound(batch, event, sequence, receivedAt);
            batch.messageChanges.add(SET_REACTION, null, event.targetWamid(), event.conversationId().value());
        });
    }

    @EventHandler
    void on(MessageRevokedByCustomer event, @SequenceNumber long sequence, @Timestamp Instant receivedAt) {
        change(batch -> {
            recordInbound(batch, event, sequence, receivedAt);
            batch.messageChanges.add(SET_REVOKED, event.originalWamid(), event.conversationId().value());
        });
    }

    @EventHandler
    void on(MessageEditedByCustomer event, @SequenceNumber long sequence, @Timestamp Instant receivedAt) {
        change(batch -> {
            recordInbound(batch, event, sequence, receivedAt);
            batch.messageChanges.add(SET_EDITED, event.newText(), event.originalWamid(), event.conversationId().value());
        });
    }

    /** {@code receivedAt} (the event's timestamp: when we recorded the message) shows how late a message arrived. */
    private void recordInbound(Batch batch, InboundMessageEvent event, long sequence, Instant receivedAt) {
        recordInbound(batch, TimelineEntry.of(event, json), event.conversationId(), event.wamid(), event.sentAt(),
                receivedAt, sequence);
    }

    /** One customer message's row: the live message's, or one of the business app's history. */
    private static void recordInbound(Batch batch, TimelineEntry entry, ConversationId conversation, String wamid,
                                      Instant sentAt, Instant receivedAt, long sequence) {
        batch.timeline.add(INSERT_INBOUND, entry.key(), conversation.value(), wamid, entry.type(), entry.text(),
                entry.mediaId(), entry.mimeType(), entry.filename(), entry.detailJson(), entry.replyToWamid(),
                entry.forwarded(), entry.reactionTarget(), entry.reactionEmoji(), timestamp(sentAt),
                timestamp(receivedAt), sequence, entry.key());
    }

    /** Staff's message typed on the WhatsApp Business app (coexistence): one of ours, sent, from the business app. */
    @EventHandler
    void on(BusinessAppMessageSent event, @SequenceNumber long sequence) {
        change(batch -> recordBusinessApp(batch, event.conversationId(), event.wamid(), event.sentAt(), event.content(),
                sequence));
    }

    /**
     * A message of the business app's chat history in its place: the customer's as inbound (received when sent: it is
     * history, not late), the business's as ours from the business app.
     */
    @EventHandler
    void on(HistoricalMessageImported event, @SequenceNumber long sequence) {
        if (event.fromBusiness()) {
            change(batch -> recordBusinessApp(batch, event.conversationId(), event.wamid(), event.sentAt(),
                    event.content(), sequence));
            return;
        }
        TimelineEntry entry = TimelineEntry.of(event.conversationId(), event.wamid(), event.sentAt(), event.content(), json);
        change(batch -> recordInbound(batch, entry, event.conversationId(), event.wamid(), event.sentAt(),
                event.sentAt(), sequence));
    }

    private void recordBusinessApp(Batch batch, ConversationId conversation, String wamid, Instant sentAt,
                                   InboundMessage content, long sequence) {
        TimelineEntry entry = TimelineEntry.of(conversation, wamid, sentAt, content, json);
        batch.timeline.add(INSERT_BUSINESS_APP, entry.key(), conversation.value(), wamid, entry.type(), entry.text(),
                entry.mediaId(), entry.mimeType(), entry.filename(), entry.detailJson(), timestamp(sentAt), sequence,
                entry.key());
    }

    @EventHandler
    void on(OutboundMessageQueued event, @SequenceNumber long sequence) {
        OutboundEntry entry = OutboundEntry.of(event.content(), json);
        change(batch -> batch.outbound.putIfAbsent(event.messageId(), new Outbound(new Object[]{event.messageId(),
                event.conversationId().value(), entry.type(), entry.text(), entry.mediaId(), entry.filename(),
                entry.detailJson(), event.replyToWamid(), event.sentBy(), timestamp(event.queuedAt()), sequence})));
    }

    @EventHandler
    void on(OutboundMessageAccepted event) {
        change(batch -> batch.sendState(event.messageId(), row -> {
            row.wamid = event.wamid();
            row.state = "accepted";
            row.errorCode = null;
            row.errorTitle = null;
            row.errorClass = null;
        }, SEND_ACCEPTED, event.wamid(), event.messageId()));
    }

    @EventHandler
    void on(OutboundMessageSendFailed event) {
        change(batch -> batch.sendState(event.messageId(), row -> {
            row.state = "failed";
            row.errorCode = event.errorCode();
            row.errorTitle = event.errorTitle();
            row.errorClass = event.errorClass();
        }, SEND_FAILED, event.errorCode(), event.errorTitle(), event.errorClass(), event.messageId()));
    }

    @EventHandler
    void on(OutboundMessageRetried event) {
        change(batch -> batch.sendState(event.messageId(), row -> row.state = "retrying", SEND_RETRYING,
                event.messageId()));
    }

    @EventHandler
    void on(OutboundMessageAbandoned event) {
        change(batch -> batch.sendState(event.messageId(), row -> {
            row.state = "abandoned";
            row.errorTitle = row.errorTitle == null ? event.reason() : row.errorTitle;
        }, SEND_ABANDONED, event.reason(), event.messageId()));
    }

    /** The customer's messages, ours to them (their texts are the customer's data too) and the notes read as erased. */
    @EventHandler
    void on(ContactErased event) {
        change(batch -> event.conversationIds().forEach(conversation ->
                batch.messageChanges.add(ERASE_CONVERSATION, conversation.value())));
    }

    /**
     * Texts of messages sent before the cut-off are no longer kept, both directions (replies quote customers too):
     * data protection's retention, met by a replay after the messages it covers.
     */
    @EventHandler
    void on(MessageTextsRetentionApplied event) {
        change(batch -> batch.messageChanges.add(RETAIN_TEXTS, timestamp(event.cutoff())));
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
            + "reaction_emoji, sender, sent_at, received_at, event_index) select ?, ?, 'inbound', ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, 'customer', ?, ?, ? where not exists (select 1 from timeline_message where message_key = ?)";
    private static final String INSERT_BUSINESS_APP = "insert into timeline_message (message_key, conversation_id, "
            + "direction, wamid, type, text, media_id, mime_type, filename, detail_json, sender, sent_at, event_index, "
            + "send_state) select ?, ?, 'outbound', ?, ?, ?, ?, ?, ?, ?, 'business-app', ?, ?, 'sent' where not exists "
            + "(select 1 from timeline_message where message_key = ?)";
    private static final String INSERT_OUTBOUND = "insert into timeline_message (message_key, conversation_id, direction, "
            + "type, text, media_id, filename, detail_json, reply_to_wamid, sender, sent_at, event_index, wamid, "
            + "send_state, send_error_code, send_error_title, send_error_class) "
            + "select ?, ?, 'outbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists "
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
            + "then null else 'erased' end, detail_json = null where conversation_id = ?";
    private static final String RETAIN_TEXTS = "update timeline_message set text = null, edited_text = null, "
            + "filename = null, detail_json = null where sent_at < ? and (text is not null or edited_text is not null "
            + "or filename is not null or detail_json is not null)";
    private static final String SET_EDITED = "update timeline_message set edited_text = ? where wamid = ? "
            + "and conversation_id = ?";

    /**
     * One of our messages queued in this batch, with the send state the batch's later events gave it: written by its
     * insert; {@code updates} are the same changes as statements, for a message whose row existed already.
     */
    private static final class Outbound {
        final Object[] queued;
        final BatchWrites.Ordered updates = new BatchWrites.Ordered();
        String wamid;
        String state = "queued";
        Object errorCode;
        String errorTitle;
        String errorClass;

        Outbound(Object[] queued) {
            this.queued = queued;
        }

        Object[] insert() {
            Object[] row = java.util.Arrays.copyOf(queued, queued.length + 6);
            int at = queued.length;
            row[at] = wamid;
            row[at + 1] = state;
            row[at + 2] = errorCode;
            row[at + 3] = errorTitle;
            row[at + 4] = errorClass;
            row[at + 5] = queued[0];
            return row;
        }
    }

    /**
     * What one batch of events changes: timeline rows (inserted, our messages queued in the batch with the send state
     * they reached in it, then the send states of our other messages in event order, then the customer's reactions,
     * revocations and edits, which may name a wamid a send state just set).
     */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        private final BatchWrites.Statements timeline = new BatchWrites.Statements(INSERT_NOTE, INSERT_INBOUND,
                INSERT_BUSINESS_APP);
        private final Map<String, Outbound> outbound = new LinkedHashMap<>();
        private final BatchWrites.Ordered sendStates = new BatchWrites.Ordered();
        private final BatchWrites.Statements messageChanges = new BatchWrites.Statements(SET_REACTION, SET_REVOKED,
                SET_EDITED, ERASE_CONVERSATION, RETAIN_TEXTS);

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** A send state: applied to the message's row if the batch queued it, else an update of its row. */
        void sendState(String messageKey, Consumer<Outbound> change, String sql, Object... arguments) {
            Outbound queued = outbound.get(messageKey);
            if (queued == null) {
                sendStates.add(sql, arguments);
                return;
            }
            change.accept(queued);
            queued.updates.add(sql, arguments);
        }

        @Override
        public boolean writesOnlyStatements() {
            return true;
        }

        @Override
        public void flush() {
            timeline.execute(jdbc);
            List<Outbound> queued = List.copyOf(outbound.values());
            int[] inserted = BatchWrites.executeAll(jdbc, INSERT_OUTBOUND,
                    queued.stream().map(Outbound::insert).toList());
            sendStates.execute(jdbc);
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 0) {
                    queued.get(i).updates.execute(jdbc);
                }
            }
            outbound.clear();
            messageChanges.execute(jdbc);
        }
    }
}
