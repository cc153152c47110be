package ke.co.datacare.whatsapp.app.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Health of the event processors (part of readiness: a processor in error means stale read models or
 * unsent messages) and their lag behind the head of the event store, also as the gauge
 * {@code datacare.projection.lag{processor}}. Without an answer from the database in time the lag is left out.
 */
@Component("eventProcessors")
class EventProcessorsHealth implements HealthIndicator, MeterBinder {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final BoundedCheck<Long> heads;

    EventProcessorsHealth(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                          @Value("${datacare.health.db-timeout:1500ms}") Duration timeout) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.heads = new BoundedCheck<>("event-head", timeout, this::head);
    }

    @Override
    public Health health() {
        BoundedCheck.Answer<Long> answer = heads.answer();
        long head = answer.answered() ? answer.value() : 0;
        boolean failing = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", processor.isRunning());
            detail.put("error", processor.isError());
            if (answer.answered() && processor instanceof StreamingEventProcessor streaming) {
                position(streaming).ifPresent(position -> detail.put("lag", Math.max(0, head - position)));
            }
            failing |= processor.isError();
            details.put(entry.getKey(), detail);
        }
        return (failing ? Health.down() : Health.up()).withDetails(details)
                .withDetail("head", answer.answered() ? answer.value() : answer.problem()).build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("datacare.projection.lag", () -> position(streaming).stream()
                                .map(position -> Math.max(0, head() - position)).findFirst().orElse(0L))
                        .tag("processor", name).description("events between the head of the store and the processor")
                        .register(registry);
            }
        });
    }

    private long head() {
        try {
            Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
            return head == null ? 0 : head;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static OptionalLong position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(status -> status.getTrackingToken())
                .filter(token -> token != null)
                .map(TrackingToken::position)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min()
                .stream().mapToObj(OptionalLong::of).findFirst().orElse(OptionalLong.empty());
    }
}
