package ke.co.datacare.whatsapp.query.live;

import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.time.Instant;

/**
 * Turns every conversation event into a live update for connected clients. The processor reads the
 * event store from its head with an in-memory token on every instance, so each instance pushes every
 * change to its own clients, whichever instance wrote it.
 */
@Component
@ProcessingGroup(LiveUpdates.GROUP)
class LiveUpdates {

    static final String GROUP = "live-updates";

    private final LiveStream stream;

    LiveUpdates(LiveStream stream) {
        this.stream = stream;
    }

    @EventHandler
    @DisallowReplay
    void on(Object event, @Timestamp Instant at) {
        String conversationId = conversationOf(event);
        if (conversationId == null) {
            return;
        }
        String kind = event instanceof InboundMessageEvent ? "message" : "conversation";
        stream.publish(new LiveStream.Update(kind, event.getClass().getSimpleName(), conversationId, at));
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
