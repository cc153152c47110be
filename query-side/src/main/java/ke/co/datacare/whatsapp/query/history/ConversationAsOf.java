package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.CustomerServiceWindow;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.MessageEditedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import ke.co.datacare.whatsapp.api.inbox.InboxItem;
import ke.co.datacare.whatsapp.api.inbox.TimelineMessage;
import ke.co.datacare.whatsapp.api.query.ConversationHistory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A conversation folded from its own events in sequence order, with the rules of the live inbox: a
 * message key seen before adds nothing, every new customer message counts as unread and becomes the
 * last message, and only messages that open the 24-hour window move it.
 */
final class ConversationAsOf {

    private String conversationId;
    private String contactId;
    private String status;
    private Instant lastActivityAt;
    private Instant lastCustomerMessageAt;
    private HistoricMessage lastMessage;
    private int unread;
    private final Map<String, HistoricMessage> messages = new LinkedHashMap<>();
    private final Map<String, TimelineMessage.Delivery> deliveries = new HashMap<>();

    boolean started() {
        return conversationId != null;
    }

    String contactId() {
        return contactId;
    }

    void apply(Object event, long sequence) {
        if (event instanceof ConversationStarted started) {
            conversationId = started.conversationId().value();
            contactId = started.contactId().value();
            status = "open";
            lastActivityAt = started.startedAt();
        } else if (event instanceof ConversationReopened) {
            status = "open";
        } else if (event instanceof InboundMessageEvent inbound) {
            receive(inbound, sequence);
        } else {
            deliver(event);
        }
    }

    private void receive(InboundMessageEvent event, long sequence) {
        HistoricMessage message = HistoricMessages.of(event, sequence);
        if (messages.putIfAbsent(message.key, message) == null) {
            unread++;
            lastMessage = message;
            lastActivityAt = later(lastActivityAt, event.sentAt());
            if (event.opensWindow()) {
                lastCustomerMessageAt = later(lastCustomerMessageAt, event.sentAt());
            }
        }
        if (event instanceof ReactionAdded e) {
            each(e.targetWamid(), target -> target.customerReaction(e.emoji()));
        } else if (event instanceof ReactionRemoved e) {
            each(e.targetWamid(), target -> target.customerReaction(null));
        } else if (event instanceof MessageRevokedByCustomer e) {
            each(e.originalWamid(), HistoricMessage::revoke);
        } else if (event instanceof MessageEditedByCustomer e) {
            each(e.originalWamid(), target -> target.edit(e.newText()));
        }
    }

    private void each(String wamid, Consumer<HistoricMessage> change) {
        messages.values().stream().filter(message -> wamid != null && wamid.equals(message.wamid)).forEach(change);
    }

    private void deliver(Object event) {
        if (event instanceof OutboundMessageSent e) {
            deliveries.put(e.wamid(), new TimelineMessage.Delivery("sent", e.at(), null, null, null));
        } else if (event instanceof OutboundMessageDelivered e) {
            deliveries.put(e.wamid(), new TimelineMessage.Delivery("delivered", e.at(), null, null, null));
        } else if (event instanceof OutboundMessageRead e) {
            deliveries.put(e.wamid(), new TimelineMessage.Delivery("read", e.at(), null, null, null));
        } else if (event instanceof OutboundMessagePlayed e) {
            deliveries.put(e.wamid(), new TimelineMessage.Delivery("played", e.at(), null, null, null));
        } else if (event instanceof OutboundMessageFailed e) {
            deliveries.put(e.wamid(), new TimelineMessage.Delivery("failed", e.at(), e.errorCode(), e.errorTitle(),
                    e.errorDetails()));
        }
    }

    ConversationHistory toHistory(ContactAsOf contact, Instant asOf, ObjectMapper json) {
        List<TimelineMessage> timeline = messages.values().stream()
                .sorted(Comparator.comparing((HistoricMessage message) -> message.sentAt)
                        .thenComparingLong(message -> message.sequence))
                .map(message -> message.toTimelineMessage(conversationId, deliveries.get(message.wamid), json))
                .toList();
        InboxItem.LastMessage last = lastMessage == null ? new InboxItem.LastMessage(null, null, null)
                : new InboxItem.LastMessage(lastMessage.preview(), lastMessage.type(), lastMessage.sentAt);
        InboxItem item = new InboxItem(conversationId, contact.toInboxContact(), last, unread, status, null,
                CustomerServiceWindow.closesAt(lastCustomerMessageAt),
                CustomerServiceWindow.isOpen(lastCustomerMessageAt, asOf), lastActivityAt);
        return new ConversationHistory(conversationId, asOf, item, timeline);
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
