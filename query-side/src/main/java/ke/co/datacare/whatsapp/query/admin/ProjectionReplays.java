package ke.co.datacare.whatsapp.query.admin;

import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.query.readmodel.LegacyTokenHandover;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a processing group from the first event: stop its processor, reset its tokens (which runs the
 * group's reset handlers, clearing its tables) and start it again. Every other instance of the service
 * must have released the group's segments, otherwise the reset is refused.
 */
@Component
class ProjectionReplays {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionStatus status;
    private final LegacyTokenHandover handover;

    ProjectionReplays(EventProcessingConfiguration processing, ProjectionStatus status, LegacyTokenHandover handover) {
        this.processing = processing;
        this.status = status;
        this.handover = handover;
    }

    synchronized void replay(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (processor == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No event processor " + name);
        }
        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.supportsReset()) {
            throw new DomainException(ErrorCode.CONFLICT, "The event processor " + name + " cannot be replayed");
        }
        reset(streaming);
    }

    private void reset(StreamingEventProcessor processor) {
        log.info("Replaying processing group {} from the first event", processor.getName());
        processor.shutDown();
        try {
            processor.resetTokens();
            if (ReadModels.GROUP.equals(processor.getName())) {
                handover.finish();
            }
            status.resetRequested(processor.getName());
        } catch (RuntimeException e) {
            log.warn("Could not reset {}: {}", processor.getName(), e.getMessage());
            throw new DomainException(ErrorCode.CONFLICT, "The event processor " + processor.getName()
                    + " could not be reset; another instance may still hold its segments");
        } finally {
            processor.start();
        }
    }
}
