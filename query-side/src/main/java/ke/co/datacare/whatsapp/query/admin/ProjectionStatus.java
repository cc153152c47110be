package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a processing group is rebuilding its tables. A segment replays until it has handled the
 * position the reset was made at (Axon keeps the replay flag up to the next live event; this does not).
 * Between a reset and the first claimed segment the group counts as replaying too.
 */
@Component
public class ProjectionStatus {

    private final EventProcessingConfiguration processing;
    private final Set<String> resetNotYetClaimed = ConcurrentHashMap.newKeySet();

    ProjectionStatus(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public boolean isReplaying(String processingGroup) {
        return processing.eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .map(this::isReplaying).orElse(false);
    }

    boolean isReplaying(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return resetNotYetClaimed.contains(processor.getName());
        }
        resetNotYetClaimed.remove(processor.getName());
        return segments.stream().anyMatch(ProjectionStatus::isReplaying);
    }

    void resetRequested(String processorName) {
        resetNotYetClaimed.add(processorName);
    }

    static boolean isReplaying(EventTrackerStatus segment) {
        if (!segment.isReplaying()) {
            return false;
        }
        OptionalLong reset = segment.getResetPosition();
        OptionalLong current = segment.getCurrentPosition();
        return reset.isEmpty() || current.isEmpty() || current.getAsLong() < reset.getAsLong();
    }
}
