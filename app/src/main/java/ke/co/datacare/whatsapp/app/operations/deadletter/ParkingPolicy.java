package ke.co.datacare.whatsapp.app.operations.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * A handler's first failures on an event are retried in place, as the processor does without a dead-letter queue
 * (a database hiccup, a contact created a moment later): the failure is rethrown and the processor handles the
 * batch again after its backoff. From the {@code failuresBeforeParking}th failure on, the event is parked (and the later events of its sequence) and counts it; the count drives the
 * automatic retries. Once they are used up the event waits for an administrator, with an error in the log and
 * the counter {@code datacare.dead_letters.given_up}; the gauge {@code datacare.dead_letters{group}} counts what
 * waits per processor. The cause's message is not logged: it may quote the event's content.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ParkingPolicy.class);

    private final int automaticRetries;
    private final int failuresBeforeParking;
    private final MeterRegistry meters;
    private final Cache<String, Integer> failuresInPlace = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(30)).build();

    ParkingPolicy(int automaticRetries, int failuresBeforeParking, MeterRegistry meters) {
        this.failuresBeforeParking = failuresBeforeParking;
        this.automaticRetries = automaticRetries;
        this.meters = meters;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        meters.counter("datacare.dead_letters.failures").increment();
        if (FailureCount.of(letter) == 0) {
            String event = letter.message().getIdentifier();
            Integer inPlace = failuresInPlace.asMap().merge(event, 1, Integer::sum);
            if (inPlace < failuresBeforeParking) {
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
            failuresInPlace.invalidate(event);
        }
        int failures = FailureCount.of(letter) + 1;
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
