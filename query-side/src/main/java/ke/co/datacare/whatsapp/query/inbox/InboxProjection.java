package ke.co.datacare.whatsapp.query.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeRemoved;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeSet;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import ke.co.datacare.whatsapp.api.contact.ContactOptedOut;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.ContactRegistered;
import ke.co.datacare.whatsapp.api.contact.ContactTagged;
import ke.co.datacare.whatsapp.api.contact.ContactUntagged;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.NoteAdded;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.MessageEditedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAbandoned;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The agent inbox, the timelines, delivery statuses and the contacts they show, in one processing
 * group so that a contact's events are applied before the conversations that refer to it. Every
 * write is idempotent: a redelivered event changes nothing. Axon calls only the most specific handler
 * of an event, so the handlers of special inbound kinds record the timeline row themselves.
 */
@Component
@ProcessingGroup(InboxProjection.GROUP)
class InboxProjection {

    static final String GROUP = "inbox";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    InboxProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ContactRegistered event) {
        Batch batch = batch();
        String contact = event.contactId().value();
        batch.contacts.add(INSERT_CONTACT, contact, ts(event.at()), contact);
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactIdentityLinked event) {
        Batch batch = batch();
        batch.contacts.add(event.type() == IdentityType.WA_ID ? SET_WA_ID : SET_USER_ID, event.identity(),
                event.contactId().value());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactProfileNameChanged event) {
        Batch batch = batch();
        batch.contacts.add(SET_PROFILE_NAME, event.profileName(), event.contactId().value());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactOptedOut event) {
        Batch batch = batch();
        batch.contacts.add(SET_OPTED_OUT, true, event.contactId().value());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactOptedIn event) {
        Batch batch = batch();
        batch.contacts.add(SET_OPTED_OUT, false, event.contactId().value());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactTagged event) {
        Batch batch = batch();
        batch.tags.put(List.of(event.contactId().value(), event.tag()), true);
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactUntagged event) {
        Batch batch = batch();
        batch.tags.put(List.of(event.contactId().value(), event.tag()), false);
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactAttributeSet event) {
        Batch batch = batch();
        batch.attributes.put(List.of(event.contactId().value(), event.name()), Optional.of(event.value()));
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ContactAttributeRemoved event) {
        Batch batch = batch();
        batch.attributes.put(List.of(event.contactId().value(), event.name()), Optional.empty());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ConversationStarted event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String id = event.conversationId().value();
        if (batch.conversation(id) == null) {
            InboxRow row = new InboxRow(true);
            row.contactId = event.contactId().value();
            row.phoneNumberId = event.phoneNumberId();
            row.status = "open";
            row.lastActivityAt = ts(event.startedAt());
            row.startedAt = ts(event.startedAt());
            row.lastSequence = sequence;
            batch.conversations.put(id, row);
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ConversationReopened event) {
        change(event.conversationId().value(), row -> {
            row.status = "open";
            row.assignee = null;
            row.slaDueAt = null;
            row.escalatedAt = null;
            row.snoozedUntil = null;
            row.statusBeforeSnooze = null;
        });
    }

    @EventHandler
    void on(HandoffRequested event) {
        change(event.conversationId().value(), row -> row.status = "pending");
    }

    @EventHandler
    void on(ConversationAssigned event) {
        change(event.conversationId().value(), row -> {
            row.status = "assigned";
            row.assignee = event.agentId();
            row.slaDueAt = null;
            row.escalatedAt = null;
        });
    }

    @EventHandler
    void on(ConversationUnassigned event) {
        change(event.conversationId().value(), row -> {
            row.status = "pending";
            row.assignee = null;
            row.slaDueAt = null;
        });
    }

    @EventHandler
    void on(ConversationResolved event) {
        change(event.conversationId().value(), row -> {
            row.status = "resolved";
            row.slaDueAt = null;
            row.snoozedUntil = null;
            row.statusBeforeSnooze = null;
        });
    }

    @EventHandler
    void on(ConversationSnoozed event) {
        change(event.conversationId().value(), row -> {
            row.statusBeforeSnooze = "snoozed".equals(row.status) ? row.statusBeforeSnooze : row.status;
            row.status = "snoozed";
            row.snoozedUntil = ts(event.until());
            row.slaDueAt = null;
        });
    }

    @EventHandler
    void on(ConversationUnsnoozed event) {
        change(event.conversationId().value(), row -> {
            if ("snoozed".equals(row.status)) {
                row.status = row.statusBeforeSnooze == null ? "open" : row.statusBeforeSnooze;
                row.statusBeforeSnooze = null;
                row.snoozedUntil = null;
            }
        });
    }

    @EventHandler
    void on(ConversationHandedBackToBot event) {
        change(event.conversationId().value(), row -> {
            row.status = "open";
            row.assignee = null;
            row.slaDueAt = null;
            row.escalatedAt = null;
        });
    }

    @EventHandler
    void on(ReplyDeadlineSet event) {
        change(event.conversationId().value(), row -> row.slaDueAt = ts(event.dueAt()));
    }

    @EventHandler
    void on(ConversationEscalated event) {
        change(event.conversationId().value(), row -> row.escalatedAt = ts(event.at()));
    }

    /** Private notes appear in the timeline for the team (direction {@code note}); they are not messages. */
    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence) {
        Batch batch = batch();
        batch.timeline.add(INSERT_NOTE, event.noteId(), event.conversationId().value(), event.text(),
                "agent:" + event.authorId(), ts(event.at()), sequence, event.noteId());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(InboundMessageEvent event, @SequenceNumber long sequence) {
        Batch batch = batch();
        recordInbound(batch, event, sequence);
        BatchWrites.done(batch);
    }

    /**
     * The customer's message joins the timeline (once: keyed by its message key) and moves its conversation, when
     * the conversation has not applied this event yet.
     */
    private void recordInbound(Batch batch, InboundMessageEvent event, long sequence) {
        TimelineEntry entry = TimelineEntry.of(event, json);
        String conversation = event.conversationId().value();
        batch.timeline.add(INSERT_INBOUND, entry.key(), conversation, event.wamid(), entry.type(), entry.text(),
                entry.mediaId(), entry.mimeType(), entry.filename(), entry.detailJson(), entry.replyToWamid(),
                entry.forwarded(), entry.reactionTarget(), entry.reactionEmoji(), ts(event.sentAt()), sequence, entry.key());
        InboxRow row = batch.advance(conversation, sequence);
        if (row == null) {
            return;
        }
        Timestamp sentAt = ts(event.sentAt());
        row.lastMessagePreview = entry.preview();
        row.lastMessageType = entry.type();
        row.lastMessageAt = sentAt;
        row.lastActivityAt = row.lastActivityAt != null && row.lastActivityAt.after(sentAt) ? row.lastActivityAt : sentAt;
        row.unreadCount++;
        if (event.opensWindow() && (row.lastCustomerMessageAt == null || row.lastCustomerMessageAt.before(sentAt))) {
            row.lastCustomerMessageAt = sentAt;
        }
    }

    @EventHandler
    void on(ConversationMarkedRead event) {
        change(event.conversationId().value(), row -> row.unreadCount = 0);
    }

    @EventHandler
    void on(ReactionAdded event, @SequenceNumber long sequence) {
        Batch batch = batch();
        recordInbound(batch, event, sequence);
        batch.messageChanges.add(SET_REACTION, event.emoji(), event.targetWamid(), event.conversationId().value());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ReactionRemoved event, @SequenceNumber long sequence) {
        Batch batch = batch();
        recordInbound(batch, event, sequence);
        batch.messageChanges.add(SET_REACTION, null, event.targetWamid(), event.conversationId().value());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(MessageRevokedByCustomer event, @SequenceNumber long sequence) {
        Batch batch = batch();
        recordInbound(batch, event, sequence);
        batch.messageChanges.add(SET_REVOKED, event.originalWamid(), event.conversationId().value());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(MessageEditedByCustomer event, @SequenceNumber long sequence) {
        Batch batch = batch();
        recordInbound(batch, event, sequence);
        batch.messageChanges.add(SET_EDITED, event.newText(), event.originalWamid(), event.conversationId().value());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageQueued event, @SequenceNumber long sequence) {
        Batch batch = batch();
        OutboundEntry entry = OutboundEntry.of(event.content(), json);
        String conversation = event.conversationId().value();
        batch.timeline.add(INSERT_OUTBOUND, event.messageId(), conversation, entry.type(), entry.text(), entry.mediaId(),
                entry.filename(), entry.detailJson(), event.replyToWamid(), event.sentBy(), ts(event.queuedAt()), sequence,
                event.messageId());
        InboxRow row = batch.advance(conversation, sequence);
        if (row != null) {
            Timestamp queuedAt = ts(event.queuedAt());
            row.lastMessagePreview = entry.preview();
            row.lastMessageType = entry.type();
            row.lastMessageAt = queuedAt;
            row.lastActivityAt = row.lastActivityAt != null && row.lastActivityAt.after(queuedAt) ? row.lastActivityAt
                    : queuedAt;
        }
        if (event.sentBy() != null && event.sentBy().startsWith("agent:")) {
            InboxRow known = batch.conversation(conversation);
            if (known != null) {
                known.slaDueAt = null;
                batch.changed.add(conversation);
            }
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageAccepted event) {
        Batch batch = batch();
        batch.sendStates.add(SEND_ACCEPTED, event.wamid(), event.messageId());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageSendFailed event) {
        Batch batch = batch();
        batch.sendStates.add(SEND_FAILED, event.errorCode(), event.errorTitle(), event.errorClass(), event.messageId());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageRetried event) {
        Batch batch = batch();
        batch.sendStates.add(SEND_RETRYING, event.messageId());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageAbandoned event) {
        Batch batch = batch();
        batch.sendStates.add(SEND_ABANDONED, event.reason(), event.messageId());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageSent event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.SENT, event.at(), null, null, null,
                event.pricing());
    }

    @EventHandler
    void on(OutboundMessageDelivered event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.DELIVERED, event.at(), null, null, null,
                event.pricing());
    }

    @EventHandler
    void on(OutboundMessageRead event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.READ, event.at(), null, null, null, null);
    }

    @EventHandler
    void on(OutboundMessagePlayed event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.PLAYED, event.at(), null, null, null, null);
    }

    @EventHandler
    void on(OutboundMessageFailed event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.FAILED, event.at(), event.errorCode(),
                event.errorTitle(), event.errorDetails(), null);
    }

    /**
     * A status report replaces the message's status and error; pricing is kept when a later report has none. The
     * row is created by the first report (with its conversation).
     */
    private void status(String conversation, String wamid, DeliveryStatus status, Instant at, Integer errorCode,
                        String errorTitle, String errorDetails, Pricing pricing) {
        Batch batch = batch();
        StatusRow row = batch.statuses.computeIfAbsent(wamid, ignored -> new StatusRow(conversation));
        row.status = status.name().toLowerCase();
        row.at = ts(at);
        row.errorCode = errorCode;
        row.errorTitle = errorTitle;
        row.errorDetails = errorDetails;
        if (pricing != null && pricing.category() != null) {
            row.pricingCategory = pricing.category();
        }
        if (pricing != null && pricing.billable() != null) {
            row.billable = pricing.billable();
        }
        BatchWrites.done(batch);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from message_status");
        jdbc.update("delete from timeline_message");
        jdbc.update("delete from inbox_conversation");
        jdbc.update("delete from contact_view_attribute");
        jdbc.update("delete from contact_view_tag");
        jdbc.update("delete from contact_view");
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

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static final String KEY = InboxProjection.class.getName();
    private static final String INSERT_CONTACT = "insert into contact_view (contact_id, created_at) select ?, ? "
            + "where not exists (select 1 from contact_view where contact_id = ?)";
    private static final String SET_WA_ID = "update contact_view set wa_id = ? where contact_id = ?";
    private static final String SET_USER_ID = "update contact_view set user_id = ? where contact_id = ?";
    private static final String SET_PROFILE_NAME = "update contact_view set profile_name = ? where contact_id = ?";
    private static final String SET_OPTED_OUT = "update contact_view set opted_out = ? where contact_id = ?";
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
    private static final String SET_EDITED = "update timeline_message set edited_text = ? where wamid = ? "
            + "and conversation_id = ?";
    private static final String CONVERSATION_COLUMNS = "contact_id, phone_number_id, status, assignee, "
            + "last_message_preview, last_message_type, last_message_at, last_activity_at, last_customer_message_at, "
            + "unread_count, started_at, sla_due_at, snoozed_until, status_before_snooze, escalated_at, last_sequence";

    /** A row of {@code inbox_conversation} as the batch changes it. */
    private static final class InboxRow {
        final boolean created;
        String contactId;
        String phoneNumberId;
        String status;
        String assignee;
        String lastMessagePreview;
        String lastMessageType;
        Timestamp lastMessageAt;
        Timestamp lastActivityAt;
        Timestamp lastCustomerMessageAt;
        int unreadCount;
        Timestamp startedAt;
        Timestamp slaDueAt;
        Timestamp snoozedUntil;
        String statusBeforeSnooze;
        Timestamp escalatedAt;
        long lastSequence;

        InboxRow(boolean created) {
            this.created = created;
        }

        static InboxRow read(ResultSet rs) throws SQLException {
            InboxRow row = new InboxRow(false);
            row.contactId = rs.getString("contact_id");
            row.phoneNumberId = rs.getString("phone_number_id");
            row.status = rs.getString("status");
            row.assignee = rs.getString("assignee");
            row.lastMessagePreview = rs.getString("last_message_preview");
            row.lastMessageType = rs.getString("last_message_type");
            row.lastMessageAt = rs.getTimestamp("last_message_at");
            row.lastActivityAt = rs.getTimestamp("last_activity_at");
            row.lastCustomerMessageAt = rs.getTimestamp("last_customer_message_at");
            row.unreadCount = rs.getInt("unread_count");
            row.startedAt = rs.getTimestamp("started_at");
            row.slaDueAt = rs.getTimestamp("sla_due_at");
            row.snoozedUntil = rs.getTimestamp("snoozed_until");
            row.statusBeforeSnooze = rs.getString("status_before_snooze");
            row.escalatedAt = rs.getTimestamp("escalated_at");
            row.lastSequence = rs.getLong("last_sequence");
            return row;
        }

        Object[] values(String conversationId) {
            return new Object[]{contactId, phoneNumberId, status, assignee, lastMessagePreview, lastMessageType,
                    lastMessageAt, lastActivityAt, lastCustomerMessageAt, unreadCount, startedAt, slaDueAt, snoozedUntil,
                    statusBeforeSnooze, escalatedAt, lastSequence, conversationId};
        }
    }

    private static final class StatusRow {
        final String conversationId;
        String status;
        Timestamp at;
        Integer errorCode;
        String errorTitle;
        String errorDetails;
        String pricingCategory;
        Boolean billable;

        StatusRow(String conversationId) {
            this.conversationId = conversationId;
        }
    }

    /**
     * What one batch of events changes: contacts (inserted, then columns set, in event order per column), their tags
     * and attributes (as they end up), conversations (read once, changed in memory, written once), timeline rows
     * (inserted, then the send states of our messages in event order, then the customer's reactions, revocations
     * and edits, which may name a wamid a send state just set) and message statuses (as they end up).
     */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        private final BatchWrites.Statements contacts = new BatchWrites.Statements(INSERT_CONTACT, SET_WA_ID, SET_USER_ID,
                SET_PROFILE_NAME, SET_OPTED_OUT);
        private final Map<List<String>, Boolean> tags = new LinkedHashMap<>();
        private final Map<List<String>, Optional<String>> attributes = new LinkedHashMap<>();
        /** Null values: read, not there. */
        private final Map<String, InboxRow> conversations = new HashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private final BatchWrites.Statements timeline = new BatchWrites.Statements(INSERT_NOTE, INSERT_INBOUND,
                INSERT_OUTBOUND);
        private final BatchWrites.Ordered sendStates = new BatchWrites.Ordered();
        private final BatchWrites.Statements messageChanges = new BatchWrites.Statements(SET_REACTION, SET_REVOKED,
                SET_EDITED);
        private final Map<String, StatusRow> statuses = new LinkedHashMap<>();

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            Set<String> aggregates = BatchWrites.aggregatesInBatch();
            aggregates.forEach(id -> conversations.put(id, null));
            BatchWrites.queryIn(jdbc, "select conversation_id, " + CONVERSATION_COLUMNS
                    + " from inbox_conversation where conversation_id in", aggregates,
                    rs -> conversations.put(rs.getString("conversation_id"), InboxRow.read(rs)));
        }

        InboxRow conversation(String id) {
            if (!conversations.containsKey(id)) {
                conversations.put(id, jdbc.query("select conversation_id, " + CONVERSATION_COLUMNS
                        + " from inbox_conversation where conversation_id = ?", rs -> rs.next() ? InboxRow.read(rs) : null, id));
            }
            return conversations.get(id);
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
            contacts.execute(jdbc);
            List<Object[]> tagInserts = new ArrayList<>();
            List<Object[]> tagDeletes = new ArrayList<>();
            tags.forEach((key, present) -> (present ? tagInserts : tagDeletes).add(present
                    ? new Object[]{key.get(0), key.get(1), key.get(0), key.get(1)} : new Object[]{key.get(0), key.get(1)}));
            BatchWrites.executeAll(jdbc, "delete from contact_view_tag where contact_id = ? and tag = ?", tagDeletes);
            BatchWrites.executeAll(jdbc, "insert into contact_view_tag (contact_id, tag) select ?, ? where not exists "
                    + "(select 1 from contact_view_tag where contact_id = ? and tag = ?)", tagInserts);
            List<Object[]> attributeUpdates = new ArrayList<>();
            List<Object[]> attributeInserts = new ArrayList<>();
            List<Object[]> attributeDeletes = new ArrayList<>();
            attributes.forEach((key, value) -> {
                if (value.isPresent()) {
                    attributeUpdates.add(new Object[]{value.get(), key.get(0), key.get(1)});
                    attributeInserts.add(new Object[]{key.get(0), key.get(1), value.get()});
                } else {
                    attributeDeletes.add(new Object[]{key.get(0), key.get(1)});
                }
            });
            BatchWrites.executeAll(jdbc, "delete from contact_view_attribute where contact_id = ? and attribute_name = ?",
                    attributeDeletes);
            int[] updated = BatchWrites.executeAll(jdbc, "update contact_view_attribute set attribute_value = ? "
                    + "where contact_id = ? and attribute_name = ?", attributeUpdates);
            List<Object[]> missing = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(attributeInserts.get(i));
                }
            }
            BatchWrites.executeAll(jdbc, "insert into contact_view_attribute (contact_id, attribute_name, attribute_value) "
                    + "values (?, ?, ?)", missing);

            List<Object[]> conversationInserts = new ArrayList<>();
            List<Object[]> conversationUpdates = new ArrayList<>();
            conversations.forEach((id, row) -> {
                if (row != null && row.created) {
                    conversationInserts.add(row.values(id));
                } else if (row != null && changed.contains(id)) {
                    conversationUpdates.add(row.values(id));
                }
            });
            BatchWrites.executeAll(jdbc, "insert into inbox_conversation (" + CONVERSATION_COLUMNS + ", conversation_id) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", conversationInserts);
            BatchWrites.executeAll(jdbc, "update inbox_conversation set " + CONVERSATION_COLUMNS.replace(",", " = ?,")
                    + " = ? where conversation_id = ?", conversationUpdates);

            timeline.execute(jdbc);
            sendStates.execute(jdbc);
            messageChanges.execute(jdbc);

            List<Object[]> statusUpdates = new ArrayList<>();
            List<Object[]> statusInserts = new ArrayList<>();
            statuses.forEach((wamid, row) -> {
                statusUpdates.add(new Object[]{row.status, row.at, row.errorCode, row.errorTitle, row.errorDetails,
                        row.pricingCategory, row.billable, wamid});
                statusInserts.add(new Object[]{wamid, row.conversationId, row.status, row.at, row.errorCode, row.errorTitle,
                        row.errorDetails, row.pricingCategory, row.billable});
            });
            int[] statusUpdated = BatchWrites.executeAll(jdbc, "update message_status set status = ?, status_at = ?, "
                    + "error_code = ?, error_title = ?, error_details = ?, pricing_category = coalesce(?, pricing_category), "
                    + "billable = coalesce(?, billable) where wamid = ?", statusUpdates);
            List<Object[]> newStatuses = new ArrayList<>();
            for (int i = 0; i < statusUpdated.length; i++) {
                if (statusUpdated[i] == 0) {
                    newStatuses.add(statusInserts.get(i));
                }
            }
            BatchWrites.executeAll(jdbc, "insert into message_status (wamid, conversation_id, status, status_at, error_code, "
                    + "error_title, error_details, pricing_category, billable) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    newStatuses);

            tags.clear();
            attributes.clear();
            conversations.clear();
            changed.clear();
            statuses.clear();
        }
    }
}
