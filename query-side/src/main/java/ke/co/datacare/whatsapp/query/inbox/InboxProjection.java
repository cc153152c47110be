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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

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
        jdbc.update("insert into contact_view (contact_id, created_at) select ?, ? where not exists "
                + "(select 1 from contact_view where contact_id = ?)", event.contactId().value(), ts(event.at()),
                event.contactId().value());
    }

    @EventHandler
    void on(ContactIdentityLinked event) {
        String column = event.type() == IdentityType.WA_ID ? "wa_id" : "user_id";
        jdbc.update("update contact_view set " + column + " = ? where contact_id = ?", event.identity(),
                event.contactId().value());
    }

    @EventHandler
    void on(ContactProfileNameChanged event) {
        jdbc.update("update contact_view set profile_name = ? where contact_id = ?", event.profileName(),
                event.contactId().value());
    }

    @EventHandler
    void on(ContactOptedOut event) {
        jdbc.update("update contact_view set opted_out = true where contact_id = ?", event.contactId().value());
    }

    @EventHandler
    void on(ContactOptedIn event) {
        jdbc.update("update contact_view set opted_out = false where contact_id = ?", event.contactId().value());
    }

    @EventHandler
    void on(ContactTagged event) {
        jdbc.update("insert into contact_view_tag (contact_id, tag) select ?, ? where not exists "
                        + "(select 1 from contact_view_tag where contact_id = ? and tag = ?)",
                event.contactId().value(), event.tag(), event.contactId().value(), event.tag());
    }

    @EventHandler
    void on(ContactUntagged event) {
        jdbc.update("delete from contact_view_tag where contact_id = ? and tag = ?", event.contactId().value(),
                event.tag());
    }

    @EventHandler
    void on(ContactAttributeSet event) {
        if (jdbc.update("update contact_view_attribute set attribute_value = ? where contact_id = ? and attribute_name = ?",
                event.value(), event.contactId().value(), event.name()) == 0) {
            jdbc.update("insert into contact_view_attribute (contact_id, attribute_name, attribute_value) values (?, ?, ?)",
                    event.contactId().value(), event.name(), event.value());
        }
    }

    @EventHandler
    void on(ContactAttributeRemoved event) {
        jdbc.update("delete from contact_view_attribute where contact_id = ? and attribute_name = ?",
                event.contactId().value(), event.name());
    }

    @EventHandler
    void on(ConversationStarted event) {
        jdbc.update("insert into inbox_conversation (conversation_id, contact_id, phone_number_id, status, "
                        + "last_activity_at, started_at) select ?, ?, ?, 'open', ?, ? where not exists "
                        + "(select 1 from inbox_conversation where conversation_id = ?)",
                event.conversationId().value(), event.contactId().value(), event.phoneNumberId(),
                ts(event.startedAt()), ts(event.startedAt()), event.conversationId().value());
    }

    @EventHandler
    void on(ConversationReopened event) {
        jdbc.update("update inbox_conversation set status = 'open', assignee = null, sla_due_at = null, "
                + "escalated_at = null, snoozed_until = null, status_before_snooze = null where conversation_id = ?",
                event.conversationId().value());
    }

    @EventHandler
    void on(HandoffRequested event) {
        jdbc.update("update inbox_conversation set status = 'pending' where conversation_id = ?",
                event.conversationId().value());
    }

    @EventHandler
    void on(ConversationAssigned event) {
        jdbc.update("update inbox_conversation set status = 'assigned', assignee = ?, sla_due_at = null, "
                + "escalated_at = null where conversation_id = ?", event.agentId(), event.conversationId().value());
    }

    @EventHandler
    void on(ConversationUnassigned event) {
        jdbc.update("update inbox_conversation set status = 'pending', assignee = null, sla_due_at = null "
                + "where conversation_id = ?", event.conversationId().value());
    }

    @EventHandler
    void on(ConversationResolved event) {
        jdbc.update("update inbox_conversation set status = 'resolved', sla_due_at = null, snoozed_until = null, "
                + "status_before_snooze = null where conversation_id = ?", event.conversationId().value());
    }

    @EventHandler
    void on(ConversationSnoozed event) {
        jdbc.update("update inbox_conversation set status_before_snooze = case when status = 'snoozed' "
                + "then status_before_snooze else status end, status = 'snoozed', snoozed_until = ?, sla_due_at = null "
                + "where conversation_id = ?", ts(event.until()), event.conversationId().value());
    }

    @EventHandler
    void on(ConversationUnsnoozed event) {
        jdbc.update("update inbox_conversation set status = coalesce(status_before_snooze, 'open'), "
                + "status_before_snooze = null, snoozed_until = null where conversation_id = ? and status = 'snoozed'",
                event.conversationId().value());
    }

    @EventHandler
    void on(ConversationHandedBackToBot event) {
        jdbc.update("update inbox_conversation set status = 'open', assignee = null, sla_due_at = null, "
                + "escalated_at = null where conversation_id = ?", event.conversationId().value());
    }

    @EventHandler
    void on(ReplyDeadlineSet event) {
        jdbc.update("update inbox_conversation set sla_due_at = ? where conversation_id = ?", ts(event.dueAt()),
                event.conversationId().value());
    }

    @EventHandler
    void on(ConversationEscalated event) {
        jdbc.update("update inbox_conversation set escalated_at = ? where conversation_id = ?", ts(event.at()),
                event.conversationId().value());
    }

    /** Private notes appear in the timeline for the team (direction {@code note}); they are not messages. */
    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence) {
        jdbc.update("insert into timeline_message (message_key, conversation_id, direction, type, text, sender, sent_at, "
                        + "event_index) select ?, ?, 'note', 'note', ?, ?, ?, ? where not exists "
                        + "(select 1 from timeline_message where message_key = ?)",
                event.noteId(), event.conversationId().value(), event.text(), "agent:" + event.authorId(),
                ts(event.at()), sequence, event.noteId());
    }

    @EventHandler
    void on(InboundMessageEvent event, @SequenceNumber long sequence) {
        recordInbound(event, sequence);
    }

    private void recordInbound(InboundMessageEvent event, @SequenceNumber long sequence) {
        TimelineEntry entry = TimelineEntry.of(event, json);
        String conversation = event.conversationId().value();
        int inserted = jdbc.update("insert into timeline_message (message_key, conversation_id, direction, wamid, type, "
                        + "text, media_id, mime_type, filename, detail_json, reply_to_wamid, forwarded, reaction_target, "
                        + "reaction_emoji, sender, sent_at, event_index) select ?, ?, 'inbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, 'customer', ?, ? where not exists (select 1 from timeline_message where message_key = ?)",
                entry.key(), conversation, event.wamid(), entry.type(), entry.text(), entry.mediaId(), entry.mimeType(),
                entry.filename(), entry.detailJson(), entry.replyToWamid(), entry.forwarded(), entry.reactionTarget(),
                entry.reactionEmoji(), ts(event.sentAt()), sequence, entry.key());
        if (inserted == 0) {
            return;
        }
        jdbc.update("update inbox_conversation set last_message_preview = ?, last_message_type = ?, last_message_at = ?, "
                        + "last_activity_at = case when last_activity_at > ? then last_activity_at else ? end, "
                        + "unread_count = unread_count + 1, last_customer_message_at = case when ? and "
                        + "(last_customer_message_at is null or last_customer_message_at < ?) then ? "
                        + "else last_customer_message_at end where conversation_id = ?",
                entry.preview(), entry.type(), ts(event.sentAt()), ts(event.sentAt()), ts(event.sentAt()),
                event.opensWindow(), ts(event.sentAt()), ts(event.sentAt()), conversation);
    }

    @EventHandler
    void on(ConversationMarkedRead event) {
        jdbc.update("update inbox_conversation set unread_count = 0 where conversation_id = ?",
                event.conversationId().value());
    }

    @EventHandler
    void on(ReactionAdded event, @SequenceNumber long sequence) {
        recordInbound(event, sequence);
        jdbc.update("update timeline_message set customer_reaction = ? where wamid = ? and conversation_id = ?",
                event.emoji(), event.targetWamid(), event.conversationId().value());
    }

    @EventHandler
    void on(ReactionRemoved event, @SequenceNumber long sequence) {
        recordInbound(event, sequence);
        jdbc.update("update timeline_message set customer_reaction = null where wamid = ? and conversation_id = ?",
                event.targetWamid(), event.conversationId().value());
    }

    @EventHandler
    void on(MessageRevokedByCustomer event, @SequenceNumber long sequence) {
        recordInbound(event, sequence);
        jdbc.update("update timeline_message set revoked = true where wamid = ? and conversation_id = ?",
                event.originalWamid(), event.conversationId().value());
    }

    @EventHandler
    void on(MessageEditedByCustomer event, @SequenceNumber long sequence) {
        recordInbound(event, sequence);
        jdbc.update("update timeline_message set edited_text = ? where wamid = ? and conversation_id = ?",
                event.newText(), event.originalWamid(), event.conversationId().value());
    }

    @EventHandler
    void on(OutboundMessageQueued event, @SequenceNumber long sequence) {
        OutboundEntry entry = OutboundEntry.of(event.content(), json);
        String conversation = event.conversationId().value();
        int inserted = jdbc.update("insert into timeline_message (message_key, conversation_id, direction, type, text, "
                        + "media_id, filename, detail_json, reply_to_wamid, sender, sent_at, event_index, send_state) "
                        + "select ?, ?, 'outbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued' where not exists "
                        + "(select 1 from timeline_message where message_key = ?)",
                event.messageId(), conversation, entry.type(), entry.text(), entry.mediaId(), entry.filename(),
                entry.detailJson(), event.replyToWamid(), event.sentBy(), ts(event.queuedAt()), sequence,
                event.messageId());
        if (inserted > 0) {
            jdbc.update("update inbox_conversation set last_message_preview = ?, last_message_type = ?, "
                            + "last_message_at = ?, last_activity_at = case when last_activity_at > ? then last_activity_at "
                            + "else ? end where conversation_id = ?", entry.preview(), entry.type(), ts(event.queuedAt()),
                    ts(event.queuedAt()), ts(event.queuedAt()), conversation);
        }
        if (event.sentBy() != null && event.sentBy().startsWith("agent:")) {
            jdbc.update("update inbox_conversation set sla_due_at = null where conversation_id = ?", conversation);
        }
    }

    @EventHandler
    void on(OutboundMessageAccepted event) {
        jdbc.update("update timeline_message set wamid = ?, send_state = 'accepted', send_error_code = null, "
                + "send_error_title = null, send_error_class = null where message_key = ?", event.wamid(), event.messageId());
    }

    @EventHandler
    void on(OutboundMessageSendFailed event) {
        jdbc.update("update timeline_message set send_state = 'failed', send_error_code = ?, send_error_title = ?, "
                        + "send_error_class = ? where message_key = ?", event.errorCode(), event.errorTitle(),
                event.errorClass(), event.messageId());
    }

    @EventHandler
    void on(OutboundMessageRetried event) {
        jdbc.update("update timeline_message set send_state = 'retrying' where message_key = ?", event.messageId());
    }

    @EventHandler
    void on(OutboundMessageAbandoned event) {
        jdbc.update("update timeline_message set send_state = 'abandoned', send_error_title = coalesce(send_error_title, ?) "
                + "where message_key = ?", event.reason(), event.messageId());
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

    private void status(String conversation, String wamid, DeliveryStatus status, Instant at, Integer errorCode,
                        String errorTitle, String errorDetails, Pricing pricing) {
        String category = pricing == null ? null : pricing.category();
        Boolean billable = pricing == null ? null : pricing.billable();
        int updated = jdbc.update("update message_status set status = ?, status_at = ?, error_code = ?, error_title = ?, "
                        + "error_details = ?, pricing_category = coalesce(?, pricing_category), "
                        + "billable = coalesce(?, billable) where wamid = ?",
                status.name().toLowerCase(), ts(at), errorCode, errorTitle, errorDetails, category, billable, wamid);
        if (updated == 0) {
            jdbc.update("insert into message_status (wamid, conversation_id, status, status_at, error_code, error_title, "
                            + "error_details, pricing_category, billable) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    wamid, conversation, status.name().toLowerCase(), ts(at), errorCode, errorTitle, errorDetails,
                    category, billable);
        }
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


    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
