package ke.co.datacare.whatsapp.query.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** The clients connected to /api/stream, each with what it may see. */
@Component
class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /**
     * One live update: {@code kind} {@code message} or {@code conversation}, the event's name, the conversation, when
     * it happened; for an event that adds a message its {@code direction}, {@code type}, {@code content},
     * {@code contentPreview}, {@code sender} and {@code timestamp}; and where the conversation stands afterwards
     * ({@code status}, {@code assignee}, {@code unreadCount}). A customer message that reached us late also says by
     * how much: {@code arrivedLateBySeconds}, receipt ({@code at}) after Meta's {@code timestamp}. Fields that do not
     * apply are left out.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Update(String kind, String event, String conversationId, Instant at, Instant timestamp, String messageId,
                  String direction, String type, String content, String contentPreview, String sender, String status,
                  String assignee, Integer unreadCount, Long arrivedLateBySeconds) {

        Update(String kind, String event, String conversationId, Instant at, Instant timestamp,
               ke.co.datacare.whatsapp.query.inbox.MessageSummary message, ConversationNow.State state,
               Long arrivedLateBySeconds) {
            this(kind, event, conversationId, at, timestamp, message == null ? null : message.messageId(),
                    message == null ? null : message.direction(), message == null ? null : message.type(),
                    message == null ? null : message.content(), message == null ? null : message.contentPreview(),
                    message == null ? null : message.sender(), state == null ? null : state.status(),
                    state == null ? null : state.assignee(), state == null ? null : state.unreadCount(),
                    arrivedLateBySeconds);
        }
    }

    private record Subscriber(SseEmitter emitter, boolean seesNotes) {
    }

    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();

    SseEmitter subscribe(boolean seesNotes) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Subscriber subscriber = new Subscriber(emitter, seesNotes);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(error -> subscribers.remove(subscriber));
        try {
            emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            subscribers.remove(subscriber);
        }
        return emitter;
    }

    void publish(Update update) {
        boolean note = isNote(update.event());
        for (Subscriber subscriber : subscribers) {
            if (note && !subscriber.seesNotes()) {
                continue;
            }
            try {
                subscriber.emitter().send(SseEmitter.event().name(update.kind()).data(update, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(subscriber);
                log.debug("Live client went away: {}", gone.toString());
            }
        }
    }

    /** Whether a client connected now would be told of an event of this type (a conversation's, notes to some). */
    boolean anyoneWouldSee(Class<?> eventType) {
        if (subscribers.isEmpty() || !CONVERSATION_EVENTS.get(eventType)) {
            return false;
        }
        return !isNote(eventType.getSimpleName()) || subscribers.stream().anyMatch(Subscriber::seesNotes);
    }

    private static boolean isNote(String eventName) {
        return eventName.startsWith("Note");
    }

    /** Event types that name a conversation (a record with a {@code conversationId}), remembered per type. */
    private static final ClassValue<Boolean> CONVERSATION_EVENTS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isRecord() && Arrays.stream(type.getRecordComponents())
                    .anyMatch(component -> component.getName().equals("conversationId"));
        }
    };
}
