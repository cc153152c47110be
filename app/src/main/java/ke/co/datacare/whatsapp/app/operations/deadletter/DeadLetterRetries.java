package ke.co.datacare.whatsapp.app.operations.deadletter;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Hands parked events back to their handlers: by itself a few times, later and later (a database that was away,
 * a contact not yet known; {@link #retryDue} every {@code retry-interval}, see {@link DeadLetterConfiguration}), and
 * when an administrator asks. Each sequence is claimed in the queue's table while
 * it is retried, so instances never retry the same one together.
 */
@Component
class DeadLetterRetries {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetries.class);
    private static final int MAX_SEQUENCES_PER_PASS = 1000;

    private final EventProcessingConfiguration processing;
    private final DeadLetterQueues queues;
    private final DeadLetterProperties properties;

    DeadLetterRetries(EventProcessingConfiguration processing, DeadLetterQueues queues, DeadLetterProperties properties) {
        this.processing = processing;
        this.queues = queues;
        this.properties = properties;
    }

    /** Retries every parked sequence of the group once; answers how many sequences went through. */
    Optional<Integer> retryAll(String group) {
        Instant asked = GenericDeadLetter.clock.instant();
        return retry(group, letter -> letter.lastTouched().isBefore(asked));
    }

    void retryDue() {
        Instant now = GenericDeadLetter.clock.instant();
        for (String group : queues.all().keySet()) {
            retry(group, letter -> due(letter, now));
        }
    }

    private boolean due(DeadLetter<? extends EventMessage<?>> letter, Instant now) {
        int failures = FailureCount.of(letter);
        return failures <= properties.automaticRetries()
                && letter.lastTouched().plus(properties.retryDelay().multipliedBy(Math.max(1, failures))).isBefore(now);
    }

    private Optional<Integer> retry(String group, Predicate<DeadLetter<? extends EventMessage<?>>> which) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.all().get(group);
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor = processing.sequencedDeadLetterProcessor(group);
        if (queue == null || processor.isEmpty()) {
            return Optional.empty();
        }
        long sequences = Math.min(queue.amountOfSequences(), MAX_SEQUENCES_PER_PASS);
        int succeeded = 0;
        for (long i = 0; i < sequences; i++) {
            if (processor.get().process(which)) {
                succeeded++;
            }
        }
        if (succeeded > 0) {
            log.info("Processor {} handled {} parked sequence(s) on retry", group, succeeded);
        }
        return Optional.of(succeeded);
    }
}
