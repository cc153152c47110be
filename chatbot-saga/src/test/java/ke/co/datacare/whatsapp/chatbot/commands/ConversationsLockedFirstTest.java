package ke.co.datacare.whatsapp.chatbot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;

/** A bot batch through {@link ConversationsLockedFirst}, as Axon runs it: the interceptor around each event's handler. */
class ConversationsLockedFirstTest {

    private static final Instant AT = Instant.parse("2026-12-07T08:00:00Z");

    private final List<String> happened = new ArrayList<>();

    private static EventMessage<?> customerMessage(String conversation, String wamid) {
        return new GenericDomainEventMessage<>("Conversation", conversation, 0, new TextMessageReceived(
                ConversationId.of(conversation), wamid, AT, "hello", null, null));
    }

    private ResultMessage<Object> batch(List<EventMessage<?>> events, ConversationLocks locks) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        ConversationsLockedFirst interceptor = new ConversationsLockedFirst(locks);
        return unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(unitOfWork,
                List.of(interceptor), event -> {
                    happened.add("handled " + ((EventMessage<?>) event).getIdentifier());
                    return null;
                }).proceed(), RollbackConfigurationType.ANY_THROWABLE);
    }

    @Test
    void a_batch_takes_the_locks_of_the_conversations_its_customers_wrote_in_before_its_first_event() {
        List<EventMessage<?>> events = List.of(customerMessage("c", "wamid.1"),
                new GenericDomainEventMessage<>("Conversation", "z", 1, new ConversationResolved(ConversationId.of("z"),
                        "agent-1", AT)),
                customerMessage("a", "wamid.2"), customerMessage("c", "wamid.3"));

        ResultMessage<Object> result = batch(events, conversations -> happened.add("locked " + conversations));

        assertThat(result.isExceptional()).isFalse();
        assertThat(happened).hasSize(5);
        assertThat(happened.get(0)).isEqualTo("locked [c, a, c]");
        assertThat(happened.subList(1, 5)).allMatch(line -> line.startsWith("handled "));
    }

    @Test
    void a_lock_not_taken_ahead_leaves_the_batch_to_lock_as_it_goes() {
        List<EventMessage<?>> events = List.of(customerMessage("b", "wamid.1"), customerMessage("a", "wamid.2"));

        ResultMessage<Object> result = batch(events, conversations -> {
            throw new DeadlockException("An imminent deadlock was detected while attempting to acquire a lock");
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(happened).hasSize(2).allMatch(line -> line.startsWith("handled "));
    }
}
