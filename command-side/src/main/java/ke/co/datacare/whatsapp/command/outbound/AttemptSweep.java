package ke.co.datacare.whatsapp.command.outbound;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Hands over again, every {@code every}, what waits longer than it should in {@code outbound_message}: attempts written
 * down with their event but not claimed for {@code unclaimedAfter} (their instance died before the claim), and
 * attempts claimed whose answer was never recorded {@code unansweredAfter} after the claim (their instance died between
 * the call and the record: made again, Meta may have had the first request). Any instance's sender runs it.
 */
final class AttemptSweep {

    /** Where a found attempt goes: the sender's hand-over. */
    interface HandOver {
        void handOver(String messageId, int attempt);
    }

    private static final int MOST = 5000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration every;
    private final Duration unclaimedAfter;
    private final Duration unansweredAfter;
    private final HandOver handOver;
    private long next;

    AttemptSweep(JdbcTemplate jdbc, Clock clock, Duration every, Duration unclaimedAfter, Duration unansweredAfter,
                 HandOver handOver) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.every = every;
        this.unclaimedAfter = unclaimedAfter;
        this.unansweredAfter = unansweredAfter;
        this.handOver = handOver;
    }

    /** Sweeps if {@code every} has passed since the last sweep ({@code now} in monotonic nanoseconds). */
    void sweepIfDue(long now) {
        if (now - next < 0) {
            return;
        }
        next = now + every.toNanos();
        jdbc.query("select message_id, pending_attempt from outbound_message where pending_attempt > attempts "
                        + "and pending_since < ? and wamid is null limit " + MOST,
                rs -> {
                    handOver.handOver(rs.getString(1), rs.getInt(2));
                }, Timestamp.from(clock.instant().minus(unclaimedAfter)));
        jdbc.query("select message_id, attempts from outbound_message where answered_at is null and wamid is null "
                        + "and claimed_at < ? limit " + MOST,
                rs -> {
                    handOver.handOver(rs.getString(1), rs.getInt(2));
                }, Timestamp.from(clock.instant().minus(unansweredAfter)));
    }
}
