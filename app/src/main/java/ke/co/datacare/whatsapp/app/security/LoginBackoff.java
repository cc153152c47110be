package ke.co.datacare.whatsapp.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Password guessing is slowed per account, whatever address it comes from: after 5 wrong passwords in a row the
 * account's logins wait 1 second, then twice as long after each further failure, up to 15 minutes (429 with
 * {@code Retry-After}). A right password resets it. At most 100,000 accounts are remembered, for an hour.
 */
@Component
class LoginBackoff {

    static final int FREE_FAILURES = 5;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    private record Failures(int count, Instant blockedUntil) {
    }

    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();
    private final Clock clock;

    LoginBackoff(Clock clock) {
        this.clock = clock;
    }

    void check(String email) {
        Failures known = failures.getIfPresent(key(email));
        Instant now = clock.instant();
        if (known != null && known.blockedUntil() != null && known.blockedUntil().isAfter(now)) {
            long seconds = Math.max(1, Duration.between(now, known.blockedUntil()).toSeconds());
            throw new DomainException(ErrorCode.RATE_LIMITED, "Too many wrong passwords for this account: retry in "
                    + seconds + " s", Map.of("retryAfterSeconds", seconds));
        }
    }

    void failed(String email) {
        failures.asMap().compute(key(email), (key, known) -> {
            int count = known == null ? 1 : known.count() + 1;
            Instant blockedUntil = null;
            if (count >= FREE_FAILURES) {
                long seconds = 1L << Math.min(20, count - FREE_FAILURES);
                blockedUntil = clock.instant().plus(Duration.ofSeconds(seconds).compareTo(LONGEST_WAIT) > 0
                        ? LONGEST_WAIT : Duration.ofSeconds(seconds));
            }
            return new Failures(count, blockedUntil);
        });
    }

    void succeeded(String email) {
        failures.invalidate(key(email));
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
