package ke.co.datacare.whatsapp.chatbot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.common.Refusal;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A processor's batch through {@link CommandsAtBatchEnd}, as Axon runs it (a batching unit of work, the interceptor
 * around each event's handler), with a real command bus whose handler records what reaches it.
 */
class CommandsAtBatchEndTest {

    /** A command to one conversation; {@code failure} is what its handler throws, if anything. */
    record Touch(String conversation, String label, RuntimeException failure) {
        Touch(String conversation, String label) {
            this(conversation, label, null);
        }
    }

    private final List<String> received = new CopyOnWriteArrayList<>();
    private CommandGateway commands;

    @BeforeEach
    void commandBus() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Touch.class.getName(), message -> {
            Touch touch = (Touch) message.getPayload();
            if (touch.failure() != null) {
                throw touch.failure();
            }
            received.add(touch.label());
            return null;
        });
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    /** Runs one batch: each event's handler gives the commands listed for it; what each saw received is kept. */
    private ResultMessage<Object> batch(List<List<Touch>> givenPerEvent, List<List<String>> receivedWhileHandling) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < givenPerEvent.size(); i++) {
            events.add(GenericEventMessage.asEventMessage(i));
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        CommandsAtBatchEnd interceptor = new CommandsAtBatchEnd(commands);
        return unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(unitOfWork,
                List.of(interceptor), event -> {
                    for (Touch touch : givenPerEvent.get((Integer) event.getPayload())) {
                        ConversationCommands.send(commands, touch, ConversationId.of(touch.conversation()));
                    }
                    receivedWhileHandling.add(List.copyOf(received));
                    return null;
                }).proceed(), RollbackConfigurationType.ANY_THROWABLE);
    }

    @Test
    void a_batchs_commands_go_after_its_last_event_in_the_order_of_their_conversations() {
        List<List<String>> whileHandling = new ArrayList<>();
        ResultMessage<Object> result = batch(List.of(
                List.of(new Touch("c", "c first")),
                List.of(new Touch("a", "a"), new Touch("c", "c second")),
                List.of(new Touch("b", "b"), new Touch("c", "c third"))), whileHandling);

        assertThat(result.isExceptional()).isFalse();
        assertThat(whileHandling).containsOnly(List.of());
        assertThat(received).containsExactly("a", "b", "c first", "c second", "c third");
    }

    @Test
    void a_detected_deadlock_fails_the_batch_so_that_it_is_processed_again() {
        ResultMessage<Object> result = batch(List.of(
                List.of(new Touch("a", "a")),
                List.of(new Touch("b", "b", new DeadlockException("An imminent deadlock was detected")))),
                new ArrayList<>());

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(DeadlockException.class);
    }

    @Test
    void a_refused_command_is_logged_and_the_rest_of_the_batch_goes_on() {
        ResultMessage<Object> result = batch(List.of(
                List.of(new Touch("a", "a", Refusal.refuse(ErrorCode.WINDOW_CLOSED, "window closed"))),
                List.of(new Touch("b", "b"))), new ArrayList<>());

        assertThat(result.isExceptional()).isFalse();
        assertThat(received).containsExactly("b");
    }

    @Test
    void a_command_that_fails_for_good_is_dropped_and_cannot_stop_the_processor() {
        ResultMessage<Object> result = batch(List.of(
                List.of(new Touch("a", "a", new IllegalArgumentException("poison"))),
                List.of(new Touch("b", "b"))), new ArrayList<>());

        assertThat(result.isExceptional()).isFalse();
        assertThat(received).containsExactly("b");
    }

    @Test
    void outside_a_processors_batch_a_command_is_sent_at_once() {
        ConversationCommands.send(commands, new Touch("a", "a"), ConversationId.of("a"));

        assertThat(received).containsExactly("a");
    }

    @Test
    void a_batch_nobody_flushes_sends_its_commands_at_once() {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork =
                new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage(0));
        List<String> whileHandling = new ArrayList<>();
        unitOfWork.executeWithResult(() -> {
            ConversationCommands.send(commands, new Touch("a", "a"), ConversationId.of("a"));
            whileHandling.addAll(received);
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(whileHandling).containsExactly("a");
    }
}
