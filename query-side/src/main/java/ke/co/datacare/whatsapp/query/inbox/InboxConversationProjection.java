package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.contact.ContactErased;
import ke.co.datacare.whatsapp.api.contact.ContactTagged;
import ke.co.datacare.whatsapp.api.contact.ContactUntagged;
import ke.co.datacare.whatsapp.api.protection.MessageTextsRetentionApplied;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.LateArrival;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.HistoricalMessageImported;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.batch.KnownRows;
import ke.co.datacare.whatsapp.query.lifecycle.ConversationLifecycle;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static ke.co.datacare.whatsapp.query.batch.BatchWrites.instant;
import static ke.co.datacare.whatsapp.query.batch.BatchWrites.timestamp;

/**
 * The agent inbox: one row per conversation with its last message, unread count, 24-hour window and where it stands
 * in support ({@link ConversationLifecycle}, the fold time travel uses too). A message moves its conversation once:
 * the row remembers the sequence number of the last event it applied.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
class InboxConversationProjection {

    /** The tables this projection owns: nobody else writes or reads them by SQL. */
    static final List<String> TABLES = List.of("inbox_conversation", "inbox_status_count", "inbox_contact_tag",
            "inbox_conversation_tag");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    InboxConversationProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ConversationStarted event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String id = event.conversationId().value();
        if (batch.conversation(id) == null) {
            InboxRow row = new InboxRow(true);
            row.contactId = event.contactId().value();
            row.phoneNumberId = event.phoneNumberId();
            row.lifecycle = ConversationLifecycle.started();
            row.lastActivityAt = timestamp(event.startedAt());
            row.startedAt = timestamp(event.startedAt());
            row.lastSequence = sequence;
            batch.conversations.put(id, row);
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ConversationReopened event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(HandoffRequested event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(ConversationAssigned event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(ConversationUnassigned event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(ConversationResolved event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(ConversationSnoozed event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(ConversationUnsnoozed event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(ConversationHandedBackToBot event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(ReplyDeadlineSet event) {
        lifecycle(event.conversationId(), event);
    }

    @EventHandler
    void on(ConversationEscalated event) {
        lifecycle(event.conversationId(), event);
    }

    /** The customer's message moves its conversation, when the conversation has not applied this event yet. */
    @EventHandler
    void on(InboundMessageEvent event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant receivedAt) {
        Batch batch = batch();
        InboxRow row = batch.advance(event.conversationId().value(), sequence);
        if (row != null) {
            TimelineEntry entry = TimelineEntry.of(event, json);
            Timestamp sentAt = timestamp(event.sentAt());
            row.lastMessage(entry.preview(), entry.type(), sentAt);
            row.unreadCount++;
            row.arrivedLateBySeconds = LateArrival.lateBySeconds(event.sentAt(), receivedAt);
            if (event.opensWindow() && (row.lastCustomerMessageAt == null || row.lastCustomerMessageAt.before(sentAt))) {
                row.lastCustomerMessageAt = sentAt;
            }
        }
        BatchWrites.done(batch);
    }

    /** Staff's message from the WhatsApp Business app becomes the last message, as ours does. */
    @EventHandler
    void on(BusinessAppMessageSent event, @SequenceNumber long sequence) {
        showLast(event.conversationId(), event.wamid(), event.sentAt(), event.content(), sequence);
    }

    /** An imported message of the past shows only when it is newer than what the conversation shows. */
    @EventHandler
    void on(HistoricalMessageImported event, @SequenceNumber long sequence) {
        showLast(event.conversationId(), event.wamid(), event.sentAt(), event.content(), sequence);
    }

    private void showLast(ConversationId conversation, String wamid, Instant sentAt, InboundMessage content,
                          long sequence) {
        Batch batch = batch();
        InboxRow row = batch.advance(conversation.value(), sequence);
        Timestamp at = timestamp(sentAt);
        if (row != null && (row.lastMessageAt == null || !row.lastMessageAt.after(at))) {
            TimelineEntry entry = TimelineEntry.of(conversation, wamid, sentAt, content, json);
            row.lastMessage(entry.preview(), entry.type(), at);
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ConversationMarkedRead event) {
        change(event.conversationId().value(), row -> row.unreadCount = 0);
    }

    /** Our message becomes the last message; an agent's answer ends the reply deadline. */
    @EventHandler
    void on(OutboundMessageQueued event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String conversation = event.conversationId().value();
        InboxRow row = batch.advance(conversation, sequence);
        if (row != null) {
            OutboundEntry entry = OutboundEntry.of(event.content(), json);
            row.lastMessage(entry.preview(), entry.type(), timestamp(event.queuedAt()));
        }
        BatchWrites.done(batch);
        if (ConversationLifecycle.concerns(event)) {
            lifecycle(event.conversationId(), event);
        }
    }

    @EventHandler
    void on(ContactErased event) {
        event.conversationIds().forEach(conversation -> change(conversation.value(), row -> {
            if (row.lastMessagePreview != null) {
                row.lastMessagePreview = PersonalData.ERASED;
            }
        }));
    }

    /** A contact's tag reaches its conversations (the tag filter's pages: {@link InboxTags}). */
    @EventHandler
    void on(ContactTagged event) {
        Batch batch = batch();
        batch.tags.tagged(event.contactId().value(), event.tag(), true);
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactUntagged event) {
        Batch batch = batch();
        batch.tags.tagged(event.contactId().value(), event.tag(), false);
        BatchWrites.done(batch);
    }

    /** The preview of a last message sent before the cut-off is no longer kept (data protection's retention). */
    @EventHandler
    void on(MessageTextsRetentionApplied event) {
        Batch batch = batch();
        batch.retentionCutoff = timestamp(event.cutoff());
        BatchWrites.done(batch);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from inbox_conversation");
        jdbc.update("delete from " + InboxStatusCounts.TABLE);
        jdbc.update("delete from inbox_conversation_tag");
        jdbc.update("delete from inbox_contact_tag");
    }

    private void lifecycle(ConversationId conversation, Object event) {
        change(conversation.value(), row -> row.lifecycle = row.lifecycle.apply(event));
    }

    private void change(String conversation, Consumer<InboxRow> change) {
        Batch batch = batch();
        InboxRow row = batch.conversation(conversation);
        if (row != null) {
            change.accept(row);
            batch.changed.add(conversation);
        }
        BatchWrites.done(batch);
    }

    private Batch batch() {
        return BatchWrites.current(KEY, () -> new Batch(jdbc));
    }

    private static final String KEY = InboxConversationProjection.class.getName();
    private static final String CONVERSATION_COLUMNS = "contact_id, phone_number_id, status, assignee, "
            + "last_message_preview, last_message_type, last_message_at, last_activity_at, last_customer_message_at, "
            + "unread_count, started_at, sla_due_at, snoozed_until, status_before_snooze, escalated_at, last_sequence, "
            + "arrived_late_by_seconds";

    /** A row of {@code inbox_conversation} as the batch changes it. */
    private static final class InboxRow {
        final boolean created;
        /** Where the row is counted in the table (none for a row this batch creates): the counters move from it. */
        InboxStatusCounts.Key storedKey;
        /** The last activity the row has in the table: a tag's rows move with it. */
        Timestamp storedLastActivityAt;
        String contactId;
        String phoneNumberId;
        ConversationLifecycle lifecycle;
        String lastMessagePreview;
        String lastMessageType;
        Timestamp lastMessageAt;
        Timestamp lastActivityAt;
        Timestamp lastCustomerMessageAt;
        int unreadCount;
        Timestamp startedAt;
        long lastSequence;
        Long arrivedLateBySeconds;

        InboxRow(boolean created) {
            this.created = created;
        }

        void lastMessage(String preview, String type, Timestamp at) {
            lastMessagePreview = preview;
            lastMessageType = type;
            lastMessageAt = at;
            lastActivityAt = lastActivityAt != null && lastActivityAt.after(at) ? lastActivityAt : at;
        }

        static InboxRow read(ResultSet rs) throws SQLException {
            InboxRow row = new InboxRow(false);
            row.contactId = rs.getString("contact_id");
            row.phoneNumberId = rs.getString("phone_number_id");
            row.lifecycle = new ConversationLifecycle(rs.getString("status"), rs.getString("assignee"),
                    instant(rs.getTimestamp("sla_due_at")), instant(rs.getTimestamp("snoozed_until")),
                    rs.getString("status_before_snooze"), instant(rs.getTimestamp("escalated_at")));
            row.lastMessagePreview = rs.getString("last_message_preview");
            row.lastMessageType = rs.getString("last_message_type");
            row.lastMessageAt = rs.getTimestamp("last_message_at");
            row.lastActivityAt = rs.getTimestamp("last_activity_at");
            row.storedLastActivityAt = row.lastActivityAt;
            row.lastCustomerMessageAt = rs.getTimestamp("last_customer_message_at");
            row.unreadCount = rs.getInt("unread_count");
            row.startedAt = rs.getTimestamp("started_at");
            row.lastSequence = rs.getLong("last_sequence");
            row.arrivedLateBySeconds = rs.getObject("arrived_late_by_seconds", Long.class);
            row.storedKey = row.key();
            return row;
        }

        InboxStatusCounts.Key key() {
            return InboxStatusCounts.Key.of(lifecycle.status(), lifecycle.assignee(), unreadCount);
        }

        Object[] values(String conversationId) {
            return new Object[]{contactId, phoneNumberId, lifecycle.status(), lifecycle.assignee(), lastMessagePreview,
                    lastMessageType, lastMessageAt, lastActivityAt, lastCustomerMessageAt, unreadCount, startedAt,
                    timestamp(lifecycle.slaDueAt()), timestamp(lifecycle.snoozedUntil()), lifecycle.statusBeforeSnooze(),
                    timestamp(lifecycle.escalatedAt()), lastSequence, arrivedLateBySeconds, conversationId};
        }
    }

    /** The conversations of one batch of events: read once, changed in memory, written once. */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        /** Null values: read, not there. */
        private final Map<String, InboxRow> conversations = new HashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private final InboxTags.Changes tags = new InboxTags.Changes();
        /** A retention cut-off this batch met: applied after its rows are written. */
        private java.sql.Timestamp retentionCutoff;

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            Set<String> aggregates = BatchWrites.aggregatesInBatch();
            aggregates.forEach(id -> conversations.put(id, null));
            BatchWrites.queryIn(jdbc, "select conversation_id, " + CONVERSATION_COLUMNS
                    + " from inbox_conversation where conversation_id in", aggregates,
                    rs -> conversations.put(rs.getString("conversation_id"), InboxRow.read(rs)));
        }

        InboxRow conversation(String id) {
            return KnownRows.known(conversations, id, absent -> BatchWrites.unwrittenRowsAbsent() ? null
                    : jdbc.query("select conversation_id, " + CONVERSATION_COLUMNS + " from inbox_conversation "
                    + "where conversation_id = ?", rs -> rs.next() ? InboxRow.read(rs) : null, absent));
        }

        /** The conversation if it has not applied the event at {@code sequence} yet; it now has. */
        InboxRow advance(String id, long sequence) {
            InboxRow row = conversation(id);
            if (row == null || row.lastSequence >= sequence) {
                return null;
            }
            row.lastSequence = sequence;
            changed.add(id);
            return row;
        }

        @Override
        public void flush() {
            List<Object[]> conversationInserts = new ArrayList<>();
            List<Object[]> conversationUpdates = new ArrayList<>();
            InboxStatusCounts.Changes statuses = new InboxStatusCounts.Changes();
            conversations.forEach((id, row) -> {
                if (row != null && row.created) {
                    conversationInserts.add(row.values(id));
                    statuses.moved(null, row.key());
                    tags.created(id, row.contactId, row.key(), row.lastActivityAt);
                } else if (row != null && changed.contains(id)) {
                    conversationUpdates.add(row.values(id));
                    statuses.moved(row.storedKey, row.key());
                    tags.changed(id, row.storedKey, row.key(), row.storedLastActivityAt, row.lastActivityAt);
                }
            });
            BatchWrites.executeAll(jdbc, "insert into inbox_conversation (" + CONVERSATION_COLUMNS + ", conversation_id) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", conversationInserts);
            BatchWrites.executeAll(jdbc, "update inbox_conversation set " + CONVERSATION_COLUMNS.replace(",", " = ?,")
                    + " = ? where conversation_id = ?", conversationUpdates);
            statuses.write(jdbc);
            tags.write(jdbc);
            if (retentionCutoff != null) {
                jdbc.update("update inbox_conversation set last_message_preview = null where last_message_at < ? "
                        + "and last_message_preview is not null", retentionCutoff);
                retentionCutoff = null;
            }
            conversations.clear();
            changed.clear();
        }
    }
}
