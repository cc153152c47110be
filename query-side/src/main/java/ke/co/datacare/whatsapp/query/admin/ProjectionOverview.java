package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The state of every event processor of this instance, for operators. */
@Component
class ProjectionOverview {

    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;
    private final ProcessorThroughput throughput;
    private final ProjectionStatus status;
    private final ReadModelRebuild rebuild;

    ProjectionOverview(EventProcessingConfiguration processing, ProcessorPositions positions,
                       ProcessorThroughput throughput, ProjectionStatus status, ReadModelRebuild rebuild) {
        this.processing = processing;
        this.positions = positions;
        this.throughput = throughput;
        this.status = status;
        this.rebuild = rebuild;
    }

    List<ProcessorView> all() {
        long head = positions.head();
        RebuildProgress progress = rebuild.progress();
        RebuildProgress shown = progress == null || "done".equals(progress.status()) ? null : progress;
        return processing.eventProcessors().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> view(entry.getValue(), head,
                        shown != null && shown.groups().contains(entry.getKey()) ? shown : null))
                .toList();
    }

    private ProcessorView view(EventProcessor processor, long head, RebuildProgress rebuilding) {
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProcessorView(processor.getName(), mode(processor), processor.isRunning(), processor.isError(),
                    0, 0, null, head, null, false, null, null, List.of(), rebuilding);
        }
        OptionalLong position = ProcessorPositions.position(streaming);
        boolean replaying = status.isReplaying(streaming);
        OptionalDouble rate = throughput.eventsPerSecond(processor.getName());
        List<ProcessorView.Segment> segments = streaming.processingStatus().values().stream()
                .sorted(Comparator.comparingInt(segment -> segment.getSegment().getSegmentId()))
                .map(ProjectionOverview::segment).toList();
        return new ProcessorView(processor.getName(), mode(processor), processor.isRunning(), processor.isError(),
                segments.size(), totalSegments(streaming), boxed(position), head,
                position.isPresent() ? Math.max(0, head - position.getAsLong()) : null, replaying,
                replaying ? replayProgress(streaming) : null, rate.isPresent() ? rate.getAsDouble() : null, segments,
                rebuilding);
    }

    private int totalSegments(StreamingEventProcessor processor) {
        return processing.tokenStore(processor.getName()).fetchSegments(processor.getName()).length;
    }

    private static ProcessorView.Segment segment(EventTrackerStatus segment) {
        return new ProcessorView.Segment(segment.getSegment().getSegmentId(), boxed(segment.getCurrentPosition()),
                ProjectionStatus.isReplaying(segment), boxed(segment.getResetPosition()), segment.isCaughtUp(),
                segment.isErrorState() ? String.valueOf(segment.getError()) : null);
    }

    static Double replayProgress(StreamingEventProcessor processor) {
        OptionalDouble slowest = processor.processingStatus().values().stream()
                .filter(ProjectionStatus::isReplaying)
                .mapToDouble(ProjectionOverview::percentDone)
                .min();
        return slowest.isPresent() ? Math.floor(slowest.getAsDouble() * 10) / 10 : 0.0;
    }

    private static double percentDone(EventTrackerStatus segment) {
        long reset = segment.getResetPosition().orElse(0);
        long current = segment.getCurrentPosition().orElse(0);
        return reset <= 0 ? 0 : Math.min(100, 100.0 * current / reset);
    }

    static String mode(EventProcessor processor) {
        if (processor instanceof PooledStreamingEventProcessor) {
            return "pooled";
        }
        if (processor instanceof TrackingEventProcessor) {
            return "tracking";
        }
        if (processor instanceof SubscribingEventProcessor) {
            return "subscribing";
        }
        return processor.getClass().getSimpleName();
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
