package ke.co.datacare.whatsapp.app.operations.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure parks the event (and the later events of its sequence) and counts it; the count drives the
 * automatic retries. Once they are used up the event waits for an administrator, with an error in the log and
 * the counter {@code datacare.dead_letters.given_up}; the gauge {@code datacare.dead_letters{group}} counts what
 * waits per processor. The cause's message is not logged: it may quote the event's content.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ParkingPolicy.class);

    private final int automaticRetries;
    private final MeterRegistry meters;

    ParkingPolicy(int automaticRetries, MeterRegistry meters) {
        this.automaticRetries = automaticRetries;
        this.meters = meters;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        int failures = FailureCount.of(letter) + 1;
        meters.counter("datacare.dead_letters.failures").increment();
        if (failures == 1) {
            log.warn("Parked event {} ({}) after {}", letter.message().getIdentifier(),
                    letter.message().getPayloadType().getSimpleName(), cause.getClass().getName());
        } else if (failures > automaticRetries) {
            meters.counter("datacare.dead_letters.given_up").increment();
            log.error("Gave up on event {} ({}) after {} failures, last {}: it waits in the dead-letter queue for "
                            + "POST /api/admin/dead-letters/{{group}}/retry", letter.message().getIdentifier(),
                    letter.message().getPayloadType().getSimpleName(), failures, cause.getClass().getName());
        }
        return Decisions.requeue(cause, parked -> parked.diagnostics().and(FailureCount.KEY, failures));
    }
}
