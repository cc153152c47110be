package ke.co.datacare.whatsapp.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.LateArrival;
import ke.co.datacare.whatsapp.query.inbox.MessageSummary;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.time.Instant;

/**
 * Turns every conversation event into a live update for connected clients, with what a client needs to update its
 * inbox and timeline without asking again: the message an event adds (direction, type, content, preview, sender,
 * timestamp) and where the conversation stands afterwards (status, assignee, unread count). The processor reads the
 * event store from its head with an in-memory token on every instance, so each instance pushes every
 * change to its own clients, whichever instance wrote it.
 */
@Component
@ProcessingGroup(LiveUpdates.GROUP)
class LiveUpdates {

    static final String GROUP = "live-updates";

    private final LiveStream stream;
    private final ConversationNow conversations;
    private final ObjectMapper json;

    LiveUpdates(LiveStream stream, ConversationNow conversations, ObjectMapper json) {
        this.stream = stream;
        this.conversations = conversations;
        this.json = json;
    }

    @EventHandler
    @DisallowReplay
    void on(Object event, EventMessage<?> message, @Timestamp Instant at) {
        // events no connected client would be told of do not get here (OnlyWhatClientsSee)
        String conversationId = conversationOf(event);
        if (conversationId == null) {
            return;
        }
        Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        MessageSummary summary = MessageSummary.of(event, json);
        boolean isMessage = summary != null && !"note".equals(summary.direction());
        ConversationNow.State state = conversations.after(conversationId, event, sequence);
        stream.publish(new LiveStream.Update(isMessage ? "message" : "conversation", event.getClass().getSimpleName(),
                conversationId, at, summary == null ? at : summary.timestamp(), summary, state,
                event instanceof InboundMessageEvent inbound ? LateArrival.lateBySeconds(inbound.sentAt(), at) : null));
    }

    private static String conversationOf(Object event) {
        if (!(event instanceof Record record)) {
            return null;
        }
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals("conversationId")) {
                try {
                    Object value = component.getAccessor().invoke(record);
                    return value == null ? null : value.toString();
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
