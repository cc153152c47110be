package ke.co.datacare.whatsapp.query.admin;

import java.util.List;

/**
 * One event processor of this instance. {@code position} is the highest position its claimed segments
 * reached, {@code head} the last global index in the event store, {@code lag} the difference;
 * {@code replayProgress} is in percent of the position the reset was made at; {@code rebuild} is the bulk rebuild
 * of its read models, while one runs or stands cancelled or failed (null otherwise).
 */
record ProcessorView(String name, String mode, boolean running, boolean error, int segmentsClaimed,
                     int segmentsTotal, Long position, long head, Long lag, boolean replaying, Double replayProgress,
                     Double eventsPerSecond, List<Segment> segments, RebuildProgress rebuild) {

    record Segment(int id, Long position, boolean replaying, Long resetPosition, boolean caughtUp, String error) {
    }
}
