package ke.co.datacare.whatsapp.api.conversation;

import java.time.Duration;
import java.time.Instant;

/**
 * A customer's message that reached us well after the customer wrote it (Meta redelivers for up to 7 days after our
 * service was unreachable; a queue may hold it): {@code sentAt} is Meta's timestamp, {@code receivedAt} the time we
 * recorded it. Late beyond {@link #STALE_AFTER}, the default staleness of the bot's configuration too.
 */
public final class LateArrival {

    public static final Duration STALE_AFTER = Duration.ofMinutes(15);

    private LateArrival() {
    }

    /** How much later than written the message reached us; zero when the customer's clock ran ahead of ours. */
    public static Duration delay(Instant sentAt, Instant receivedAt) {
        Duration delay = Duration.between(sentAt, receivedAt);
        return delay.isNegative() ? Duration.ZERO : delay;
    }

    /** The delay in seconds when the message arrived late, otherwise {@code null} (as the read models keep it). */
    public static Long lateBySeconds(Instant sentAt, Instant receivedAt) {
        if (sentAt == null || receivedAt == null) {
            return null;
        }
        Duration delay = delay(sentAt, receivedAt);
        return delay.compareTo(STALE_AFTER) > 0 ? delay.toSeconds() : null;
    }
}
