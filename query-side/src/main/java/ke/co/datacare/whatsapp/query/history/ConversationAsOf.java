package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.CustomerServiceWindow;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.MessageEditedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAbandoned;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
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
 * message key seen before adds nothing, every new message becomes the last message, customer messages
 * count as unread, and only those that open the 24-hour window move it.
 */
final class ConversationAsOf {

    private final ObjectMapper json;

    private String conversationId;
    private String contactId;
    private String status;
    private String statusBeforeSnooze;
    private String assignee;
    private Instant slaDueAt;
    private Instant snoozedUntil;
    private Instant escalatedAt;
    private Instant lastActivityAt;
    private Instant lastCustomerMessageAt;
    private HistoricMessage lastMessage;
    private int unread;
    private final Map<String, HistoricMessage> messages = new LinkedHashMap<>();
    private final Map<String, TimelineMessage.Delivery> deliveries = new HashMap<>();

    ConversationAsOf(ObjectMapper json) {
        this.json = json;
    }

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
            lastActivityAt = HistoricMessage.asStored(started.startedAt());
        } else if (event instanceof ConversationReopened) {
            status = "open";
        } else if (lifecycle(event)) {
            return;
        } else if (event instanceof InboundMessageEvent inbound) {
            receive(inbound, sequence);
        } else if (event instanceof OutboundMessageQueued queued) {
            add(OurMessages.of(queued, sequence, json));
        } else {
            send(event);
            deliver(event);
        }
    }

    private boolean add(HistoricMessage message) {
        if (messages.putIfAbsent(message.key, message) != null) {
            return false;
        }
        lastMessage = message;
        lastActivityAt = later(lastActivityAt, message.sentAt);
        return true;
    }

    private void receive(InboundMessageEvent event, long sequence) {
        if (add(HistoricMessages.of(event, sequence))) {
            unread++;
            if (event.opensWindow()) {
                lastCustomerMessageAt = later(lastCustomerMessageAt, HistoricMessage.asStored(event.sentAt()));
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
        messages.values().stream().filter(message -> wamid != null && wamid.equals(message.wamid())).forEach(change);
    }

    private void send(Object event) {
        if (event instanceof OutboundMessageAccepted e) {
            ours(e.messageId(), message -> message.accepted(e.wamid()));
        } else if (event instanceof OutboundMessageSendFailed e) {
            ours(e.messageId(), message -> message.send(new TimelineMessage.Send("failed", e.errorCode(), e.errorTitle(),
                    e.errorClass())));
        } else if (event instanceof OutboundMessageRetried e) {
            ours(e.messageId(), message -> message.send(new TimelineMessage.Send("retrying", message.send().errorCode(),
                    message.send().errorTitle(), message.send().errorClass())));
        } else if (event instanceof OutboundMessageAbandoned e) {
            ours(e.messageId(), message -> message.send(new TimelineMessage.Send("abandoned", message.send().errorCode(),
                    message.send().errorTitle() != null ? message.send().errorTitle() : e.reason(),
                    message.send().errorClass())));
        }
    }

    private void ours(String messageId, Consumer<HistoricMessage> change) {
        HistoricMessage message = messages.get(messageId);
        if (message != null && message.send() != null) {
            change.accept(message);
        }
    }

    private void deliver(Object event) {
        if (event instanceof OutboundMessageSent e) {
            deliveries.put(e.wamid(), delivery("sent", e.at(), null, null, null));
        } else if (event instanceof OutboundMessageDelivered e) {
            deliveries.put(e.wamid(), delivery("delivered", e.at(), null, null, null));
        } else if (event instanceof OutboundMessageRead e) {
            deliveries.put(e.wamid(), delivery("read", e.at(), null, null, null));
        } else if (event instanceof OutboundMessagePlayed e) {
            deliveries.put(e.wamid(), delivery("played", e.at(), null, null, null));
        } else if (event instanceof OutboundMessageFailed e) {
            deliveries.put(e.wamid(), delivery("failed", e.at(), e.errorCode(), e.errorTitle(), e.errorDetails()));
        }
    }

    private static TimelineMessage.Delivery delivery(String status, Instant at, Integer errorCode, String errorTitle,
                                                     String errorDetails) {
        return new TimelineMessage.Delivery(status, HistoricMessage.asStored(at), errorCode, errorTitle, errorDetails);
    }

    ConversationHistory toHistory(ContactAsOf contact, Instant asOf) {
        List<TimelineMessage> timeline = messages.values().stream()
                .sorted(Comparator.comparing((HistoricMessage message) -> message.sentAt)
                        .thenComparingLong(message -> message.sequence))
                .map(message -> message.toTimelineMessage(conversationId, deliveries.get(message.wamid()), json))
                .toList();
        InboxItem.LastMessage last = lastMessage == null ? new InboxItem.LastMessage(null, null, null)
                : new InboxItem.LastMessage(lastMessage.preview(), lastMessage.type(), lastMessage.sentAt);
        InboxItem item = new InboxItem(conversationId, contact.toInboxContact(), last, unread, status, assignee,
                CustomerServiceWindow.closesAt(lastCustomerMessageAt),
                CustomerServiceWindow.isOpen(lastCustomerMessageAt, asOf), lastActivityAt, slaDueAt, snoozedUntil,
                escalatedAt);
        return new ConversationHistory(conversationId, asOf, item, timeline);
    }

    /** The support lifecycle, as the inbox projection shows it. */
    private boolean lifecycle(Object event) {
        if (event instanceof HandoffRequested) {
            status = "pending";
        } else if (event instanceof ConversationAssigned e) {
            status = "assigned";
            assignee = e.agentId();
        } else if (event instanceof ConversationUnassigned) {
            status = "pending";
            assignee = null;
        } else if (event instanceof ConversationResolved) {
            status = "resolved";
            slaDueAt = null;
        } else if (event instanceof ConversationSnoozed e) {
            statusBeforeSnooze = status;
            status = "snoozed";
            snoozedUntil = e.until();
        } else if (event instanceof ConversationUnsnoozed) {
            status = statusBeforeSnooze == null ? "open" : statusBeforeSnooze;
            snoozedUntil = null;
        } else if (event instanceof ConversationHandedBackToBot) {
            status = "open";
            assignee = null;
            slaDueAt = null;
        } else if (event instanceof ReplyDeadlineSet e) {
            slaDueAt = e.dueAt();
        } else if (event instanceof ConversationEscalated e) {
            escalatedAt = e.at();
        } else {
            return false;
        }
        return true;
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
