package ke.co.datacare.whatsapp.chatbot.commands;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class TransientFailuresRetriedTest {

    private final TransientFailuresRetried handler = new TransientFailuresRetried();
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("an event");
    private final EventMessageHandler saga = message -> null;

    @Test
    void a_deadlock_on_an_aggregate_lock_fails_the_batch_so_it_is_processed_again() {
        DeadlockException deadlock = new DeadlockException("An imminent deadlock was detected");
        assertThatThrownBy(() -> handler.onError(deadlock, event, saga)).isSameAs(deadlock);
    }

    @Test
    void a_concurrent_change_wrapped_in_another_exception_fails_the_batch_too() {
        RuntimeException wrapped = new IllegalStateException("command failed", new ConcurrencyException("version 3"));
        assertThatThrownBy(() -> handler.onError(wrapped, event, saga)).isSameAs(wrapped);
    }

    @Test
    void any_other_failure_is_logged_and_the_processor_goes_on() {
        assertThatCode(() -> handler.onError(new IllegalArgumentException("poison"), event, saga))
                .doesNotThrowAnyException();
    }
}
