package ke.co.datacare.whatsapp.query.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the bulk rebuild of read models stands: {@code status} is {@code running}, {@code cancelled} (resumable),
 * {@code failed} (resumable), {@code swapping} or {@code done}; {@code percent} of the events up to {@code head},
 * the rate of this run and the estimated seconds left; {@code costSeconds}: where this run's time went (reading the
 * event table, deserializing, each projection's handlers ({@code handle:}) and batch writes ({@code write:}), and
 * the commits).
 */
record RebuildProgress(List<String> groups, String status, long fromPosition, long head, long position, long events,
                       double percent, Double eventsPerSecond, Long etaSeconds, Instant startedAt, Instant updatedAt,
                       String error, Map<String, Double> costSeconds) {
}
