package ke.co.datacare.whatsapp.chatbot.retry;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * Whether and when a failed send is tried again: only retryable error classes, at most
 * {@code maxAttempts} attempts in all and never after {@code maxAge} since the first attempt; the backoff
 * of the error class ({@link ErrorClass#backoff}) spread by a jitter of +-20% that is derived from the
 * message id and attempt, so that it is deterministic (sagas draw no randomness) yet spreads a burst.
 */
public record RetryPolicy(int maxAttempts, Duration maxAge) {

    public record Decision(boolean retry, Duration delay, String reason) {
    }

    public Decision decide(String messageId, int failedAttempt, String errorClass, Instant firstAttemptAt, Instant now) {
        ErrorClass kind = parse(errorClass);
        if (!kind.retryable()) {
            return new Decision(false, Duration.ZERO, kind == ErrorClass.WINDOW_CLOSED ? "WINDOW_CLOSED"
                    : kind == ErrorClass.OPTED_OUT ? "CONTACT_OPTED_OUT" : "PERMANENT_ERROR");
        }
        if (failedAttempt >= maxAttempts) {
            return new Decision(false, Duration.ZERO, "MAX_ATTEMPTS");
        }
        Duration delay = jittered(kind.backoff(failedAttempt), messageId, failedAttempt);
        if (firstAttemptAt != null && Duration.between(firstAttemptAt, now.plus(delay)).compareTo(maxAge) > 0) {
            return new Decision(false, Duration.ZERO, "MAX_AGE");
        }
        return new Decision(true, delay, null);
    }

    static Duration jittered(Duration base, String messageId, int attempt) {
        CRC32 crc = new CRC32();
        crc.update((messageId + "#" + attempt).getBytes(StandardCharsets.UTF_8));
        double factor = 0.8 + (crc.getValue() % 401) / 1000.0;
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }

    private static ErrorClass parse(String errorClass) {
        try {
            return errorClass == null ? ErrorClass.PERMANENT : ErrorClass.valueOf(errorClass);
        } catch (IllegalArgumentException unknown) {
            return ErrorClass.PERMANENT;
        }
    }
}
