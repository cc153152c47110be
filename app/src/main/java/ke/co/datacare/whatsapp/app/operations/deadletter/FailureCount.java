package ke.co.datacare.whatsapp.app.operations.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;

/** How often a parked event failed, kept in its dead letter's diagnostics. */
final class FailureCount {

    static final String KEY = "failures";

    private FailureCount() {
    }

    static int of(DeadLetter<? extends EventMessage<?>> letter) {
        Object value = letter.diagnostics().get(KEY);
        return value instanceof Number number ? number.intValue() : 0;
    }
}
