package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Where the processors of this instance are in the event stream, and where the stream ends. */
@Component
class ProcessorPositions {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    ProcessorPositions(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    Map<String, Long> current() {
        Map<String, Long> positions = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                position(streaming).ifPresent(position -> positions.put(name, position));
            }
        });
        return positions;
    }

    static OptionalLong position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max();
    }
}
