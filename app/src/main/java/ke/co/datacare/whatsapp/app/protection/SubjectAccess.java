package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything held about a contact, for its subject access request: the events of the contact and of each of its
 * conversations from the first (not from a snapshot), decrypted by the event serializer, and each conversation's bot
 * context. The read models are derived from these events and hold nothing more; an erased contact's personal fields
 * read "erased".
 */
@Component
class SubjectAccess {

    /** One event as held: its position in its aggregate, time, type and decrypted payload. */
    record HeldEvent(long sequence, Instant at, String type, Object payload) {
    }

    record HeldConversation(String conversationId, List<HeldEvent> events, ConversationContext botContext) {
    }

    record PersonalDataReport(String contactId, Instant generatedAt, List<HeldEvent> contact,
                              List<HeldConversation> conversations) {
    }

    private final EventStore events;
    private final ContactDirectory directory;
    private final ConversationContextStore botContexts;
    private final Clock clock;

    SubjectAccess(EventStore events, ContactDirectory directory, ConversationContextStore botContexts, Clock clock) {
        this.events = events;
        this.directory = directory;
        this.botContexts = botContexts;
        this.clock = clock;
    }

    /** The report, or null when no contact has that id. */
    PersonalDataReport of(ContactId contact) {
        List<HeldEvent> contactEvents = eventsOf(contact.value());
        if (contactEvents.isEmpty()) {
            return null;
        }
        List<HeldConversation> conversations = new ArrayList<>();
        for (ConversationId conversation : directory.conversationsOfContact(contact)) {
            conversations.add(new HeldConversation(conversation.value(), eventsOf(conversation.value()),
                    botContexts.load(conversation.value()).orElse(null)));
        }
        return new PersonalDataReport(contact.value(), clock.instant(), contactEvents, conversations);
    }

    private List<HeldEvent> eventsOf(String aggregate) {
        List<HeldEvent> held = new ArrayList<>();
        events.readEvents(aggregate, 0L).asStream().forEach(event -> held.add(heldEvent(event)));
        return held;
    }

    private static HeldEvent heldEvent(DomainEventMessage<?> event) {
        return new HeldEvent(event.getSequenceNumber(), event.getTimestamp(), event.getPayloadType().getSimpleName(),
                event.getPayload());
    }
}
