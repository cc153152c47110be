package ke.co.datacare.whatsapp.app.security;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads lifetimes written the way the original design's JWT library does: {@code 7d}, {@code 12h}, {@code 30m}, {@code 3600}. */
final class TokenLifetime {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)?");

    private TokenLifetime() {
    }

    static Duration parse(String text) {
        Matcher matcher = FORMAT.matcher(text.trim().toLowerCase());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("JWT_EXPIRES_IN must look like 7d, 12h, 30m or 3600 (seconds), not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
