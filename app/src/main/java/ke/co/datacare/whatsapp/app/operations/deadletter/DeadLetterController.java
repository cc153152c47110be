package ke.co.datacare.whatsapp.app.operations.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the processors parked, and a way to hand it back to them once the cause is fixed. */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "Operations")
@SecurityRequirement(name = "bearer")
@PreAuthorize("hasRole('ADMIN')")
class DeadLetterController {

    private static final int LETTERS_SHOWN = 100;

    record ParkedEvent(String sequence, String eventId, String eventType, Instant enqueuedAt, Instant lastTouched,
                       int failures, String causeType, String causeMessage) {
    }

    record GroupDeadLetters(String group, long sequences, long events, List<ParkedEvent> parked) {
    }

    record RetryOutcome(String group, int sequencesHandled, long eventsStillParked) {
    }

    private final DeadLetterQueues queues;
    private final DeadLetterRetries retries;

    DeadLetterController(DeadLetterQueues queues, DeadLetterRetries retries) {
        this.queues = queues;
        this.retries = retries;
    }

    @GetMapping
    @Operation(summary = "Events each processor parked after its handler failed on them (the first 100 per processor)")
    List<GroupDeadLetters> list() {
        List<GroupDeadLetters> groups = new ArrayList<>();
        queues.all().forEach((group, queue) -> groups.add(
                new GroupDeadLetters(group, queue.amountOfSequences(), queue.size(), parked(queue))));
        return groups;
    }

    @PostMapping("/{group}/retry")
    @Operation(summary = "Hand every parked event of a processor back to its handlers; those that fail again stay parked")
    RetryOutcome retry(@PathVariable String group) {
        int handled = retries.retryAll(group)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No dead-letter queue for " + group));
        return new RetryOutcome(group, handled, queues.all().get(group).size());
    }

    private static List<ParkedEvent> parked(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        List<ParkedEvent> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (parked.size() == LETTERS_SHOWN) {
                    return parked;
                }
                EventMessage<?> event = letter.message();
                parked.add(new ParkedEvent(sequenceOf(event), event.getIdentifier(),
                        event.getPayloadType().getSimpleName(), letter.enqueuedAt(), letter.lastTouched(),
                        FailureCount.of(letter), letter.cause().map(Cause::type).orElse(null),
                        letter.cause().map(Cause::message).orElse(null)));
            }
        }
        return parked;
    }

    private static String sequenceOf(EventMessage<?> event) {
        return event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : event.getIdentifier();
    }
}
