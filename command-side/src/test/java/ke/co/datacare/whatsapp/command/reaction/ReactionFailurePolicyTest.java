package ke.co.datacare.whatsapp.command.reaction;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReactionFailurePolicyTest {

    private final ReactionFailurePolicy policy = new ReactionFailurePolicy();
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("a customer wrote");

    @BestEffort
    static class Receipts implements EventMessageHandler {
        @Override
        public Object handle(EventMessage<?> event) {
            return null;
        }
    }

    static class Deliveries implements EventMessageHandler {
        @Override
        public Object handle(EventMessage<?> event) {
            return null;
        }
    }

    /** As Spring's class-based proxies are: a subclass of the handler. */
    static class ProxiedReceipts extends Receipts {
    }

    @Test
    void a_best_effort_handler_that_fails_is_skipped_and_the_batch_goes_on() {
        assertThatCode(() -> policy.onError(new IllegalStateException("Meta did not answer"), event, new Receipts()))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.onError(new IllegalStateException("Meta did not answer"), event,
                new ProxiedReceipts())).doesNotThrowAnyException();
    }

    @Test
    void any_other_handler_that_fails_fails_the_batch_so_it_is_processed_again() {
        IllegalStateException failure = new IllegalStateException("queue table unavailable");

        assertThatThrownBy(() -> policy.onError(failure, event, new Deliveries())).isSameAs(failure);
    }
}
