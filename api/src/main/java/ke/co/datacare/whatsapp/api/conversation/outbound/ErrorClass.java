package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.time.Duration;

/**
 * What a failed call means for the next attempt.
 */
public enum ErrorClass {

    /** Retry with exponential backoff: 2^n seconds, at most 5 minutes. */
    TRANSIENT(true),
    /** Meta asks for long pauses (131048 spam rate limit, 131064): 15 minutes times 2^n, at most a day. */
    TRANSIENT_LONG_WAIT(true),
    /** Too many messages to one user (131056): back off 4^n seconds. */
    PAIR_RATE_LIMITED(true),
    /** Outside the 24-hour customer service window (131047): only a template can go out now. */
    WINDOW_CLOSED(false),
    /** The user opted out of marketing messages (131050). */
    OPTED_OUT(false),
    PERMANENT(false);

    private static final Duration MAX_TRANSIENT = Duration.ofMinutes(5);
    private static final Duration MAX_LONG_WAIT = Duration.ofDays(1);
    private static final Duration MAX_PAIR = Duration.ofHours(1);

    private final boolean retryable;

    ErrorClass(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * The pause before retry number {@code attempt} (1 for the first retry); zero when this class is not retried.
     */
    public Duration backoff(int attempt) {
        int n = Math.max(1, Math.min(attempt, 30));
        return switch (this) {
            case TRANSIENT -> capped(Duration.ofSeconds(1L << Math.min(n, 20)), MAX_TRANSIENT);
            case PAIR_RATE_LIMITED -> capped(Duration.ofSeconds(1L << Math.min(2 * n, 40)), MAX_PAIR);
            case TRANSIENT_LONG_WAIT -> capped(Duration.ofMinutes(15L << Math.min(n - 1, 20)), MAX_LONG_WAIT);
            case WINDOW_CLOSED, OPTED_OUT, PERMANENT -> Duration.ZERO;
        };
    }

    private static Duration capped(Duration value, Duration max) {
        return value.compareTo(max) > 0 ? max : value;
    }
}
