package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.query.ConversationHistory;
import ke.co.datacare.whatsapp.api.query.FindConversationHistory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Time travel: a conversation as this service knew it at a moment, rebuilt from the conversation's and
 * its contact's own event streams (read from the first event, never from a snapshot), keeping the
 * events stored at or before that moment. No projection is involved.
 */
@Component
class ConversationHistoryQueries {

    private final EventStore events;
    private final ObjectMapper json;

    ConversationHistoryQueries(EventStore events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    @QueryHandler
    Optional<ConversationHistory> handle(FindConversationHistory query) {
        ConversationAsOf conversation = new ConversationAsOf(json);
        replay(query.conversationId(), query.asOf(), event -> conversation.apply(event.getPayload(),
                event.getSequenceNumber(), event.getTimestamp()));
        if (!conversation.started()) {
            return Optional.empty();
        }
        ContactAsOf contact = new ContactAsOf(conversation.contactId());
        replay(conversation.contactId(), query.asOf(), event -> contact.apply(event.getPayload()));
        return Optional.of(conversation.toHistory(contact, query.asOf()));
    }

    private void replay(String aggregateId, Instant asOf, Consumer<DomainEventMessage<?>> handler) {
        events.readEvents(aggregateId, 0).asStream()
                .filter(event -> !event.getTimestamp().isAfter(asOf))
                .forEach(handler);
    }
}
