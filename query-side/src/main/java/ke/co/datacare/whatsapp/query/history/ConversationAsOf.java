package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.CustomerServiceWindow;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.HistoricalMessageImported;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.LateArrival;
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
import ke.co.datacare.whatsapp.query.lifecycle.ConversationLifecycle;

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
 * count as unread until the conversation is marked read, only those that open the 24-hour window move it,
 * and where it stands in support is the inbox's own fold ({@link ConversationLifecycle}).
 */
final class ConversationAsOf {

    private final ObjectMapper json;

    private String conversationId;
    private String contactId;
    private ConversationLifecycle lifecycle;
    private Instant lastActivityAt;
    private Instant lastCustomerMessageAt;
    private Long arrivedLateBySeconds;
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
        apply(event, sequence, null);
    }

    /** {@code recordedAt}: the event's timestamp, when the service recorded it (a customer message's receipt). */
    void apply(Object event, long sequence, Instant recordedAt) {
        if (event instanceof ConversationStarted started) {
            conversationId = started.conversationId().value();
            contactId = started.contactId().value();
            lifecycle = ConversationLifecycle.started();
            lastActivityAt = HistoricMessage.asStored(started.startedAt());
            return;
        }
        if (lifecycle != null) {
            lifecycle = lifecycle.apply(event);
        }
        if (event instanceof ConversationMarkedRead) {
            unread = 0;
        } else if (event instanceof InboundMessageEvent inbound) {
            receive(inbound, sequence, recordedAt);
        } else if (event instanceof OutboundMessageQueued queued) {
            add(OurMessages.of(queued, sequence, json));
        } else if (event instanceof BusinessAppMessageSent e) {
            add(HistoricMessages.ofBusinessApp(e.conversationId(), e.wamid(), e.sentAt(), e.content(), true, sequence,
                    json));
        } else if (event instanceof HistoricalMessageImported e) {
            addPast(HistoricMessages.ofBusinessApp(e.conversationId(), e.wamid(), e.sentAt(), e.content(),
                    e.fromBusiness(), sequence, json));
        } else {
            send(event);
            deliver(event);
        }
    }

    /** An imported message of the past: shown last only when nothing newer is. */
    private void addPast(HistoricMessage message) {
        HistoricMessage shown = lastMessage;
        if (add(message) && shown != null && shown.sentAt.isAfter(message.sentAt)) {
            lastMessage = shown;
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

    private void receive(InboundMessageEvent event, long sequence, Instant recordedAt) {
        if (add(HistoricMessages.of(event, sequence, json).receivedAt(recordedAt))) {
            unread++;
            arrivedLateBySeconds = LateArrival.lateBySeconds(event.sentAt(), recordedAt);
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
        InboxItem item = new InboxItem(conversationId, contact.toInboxContact(), last, unread, lifecycle.status(),
                lifecycle.assignee(), CustomerServiceWindow.closesAt(lastCustomerMessageAt),
                CustomerServiceWindow.isOpen(lastCustomerMessageAt, asOf), lastActivityAt, HistoricMessage.asStored(lifecycle.slaDueAt()),
                HistoricMessage.asStored(lifecycle.snoozedUntil()), HistoricMessage.asStored(lifecycle.escalatedAt()),
                null, arrivedLateBySeconds);
        return new ConversationHistory(conversationId, asOf, item, timeline);
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
