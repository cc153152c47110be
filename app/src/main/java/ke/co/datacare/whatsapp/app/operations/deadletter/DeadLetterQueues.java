package ke.co.datacare.whatsapp.app.operations.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The dead-letter queue of each processing group, as the processors were built, each with its gauge. */
@Component
class DeadLetterQueues {

    private final SortedMap<String, SequencedDeadLetterQueue<EventMessage<?>>> byGroup = new ConcurrentSkipListMap<>();
    private final MeterRegistry meters;

    DeadLetterQueues(MeterRegistry meters) {
        this.meters = meters;
    }

    SequencedDeadLetterQueue<EventMessage<?>> register(String group, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        byGroup.put(group, queue);
        Gauge.builder("datacare.dead_letters", queue, SequencedDeadLetterQueue::size).tag("group", group)
                .description("events parked in the dead-letter queue of a processor").register(meters);
        return queue;
    }

    Map<String, SequencedDeadLetterQueue<EventMessage<?>>> all() {
        return new TreeMap<>(byGroup);
    }
}
