package ke.co.datacare.whatsapp.query.admin;

import java.time.Instant;
import java.util.List;

/**
 * Where the bulk rebuild of read models stands: {@code status} is {@code running}, {@code cancelled} (resumable),
 * {@code failed} (resumable), {@code swapping} or {@code done}; {@code percent} of the events up to {@code head},
 * the rate of this run and the estimated seconds left.
 */
record RebuildProgress(List<String> groups, String status, long fromPosition, long head, long position, long events,
                       double percent, Double eventsPerSecond, Long etaSeconds, Instant startedAt, Instant updatedAt,
                       String error) {
}
