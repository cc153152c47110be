package ke.co.datacare.whatsapp.command.number;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Meta's messaging limit as a policy: how many unique users business-initiated (template) messages may reach in a
 * rolling 24 hours, by tier: 50, 250, 1,000, 2,000, 10,000, 100,000 or unlimited. A user already reached in the last
 * 24 hours costs nothing more; a campaign larger than what is left waits until the oldest of them leaves the window.
 */
public record MessagingLimit(long uniqueRecipientsPer24h) {

    public static final Duration WINDOW = Duration.ofHours(24);
    public static final long UNLIMITED = Long.MAX_VALUE;

    /**
     * A tier as it is configured ({@code 2000}, {@code 2k}, {@code 100,000}, {@code unlimited}) or as Meta names it
     * in webhooks ({@code TIER_2K}, {@code TIER_UNLIMITED}, {@code -1}); empty when it is none of them.
     */
    public static Optional<MessagingLimit> read(String tier) {
        if (tier == null || tier.isBlank()) {
            return Optional.empty();
        }
        String value = tier.trim().toUpperCase(Locale.ROOT).replace(",", "").replace("TIER", "").replace("_", "");
        return Optional.ofNullable(switch (value) {
            case "UNLIMITED", "-1" -> new MessagingLimit(UNLIMITED);
            case "50" -> new MessagingLimit(50);
            case "250" -> new MessagingLimit(250);
            case "1K", "1000" -> new MessagingLimit(1_000);
            case "2K", "2000" -> new MessagingLimit(2_000);
            case "10K", "10000" -> new MessagingLimit(10_000);
            case "100K", "100000" -> new MessagingLimit(100_000);
            default -> null;
        });
    }

    /** The configured tier ({@code datacare.campaigns.messaging-limit}); a value that is no tier stops the start. */
    public static MessagingLimit parse(String tier) {
        return read(tier).orElseThrow(() -> new IllegalArgumentException("datacare.campaigns.messaging-limit must be "
                + "one of 50, 250, 1000, 2000, 10000, 100000 or unlimited, not '" + tier + "'"));
    }

    /** As Meta announces it in webhooks: unique customers per 24 hours, {@code -1} for unlimited. */
    public static MessagingLimit announced(long uniqueCustomersPer24h) {
        return new MessagingLimit(uniqueCustomersPer24h < 0 ? UNLIMITED : uniqueCustomersPer24h);
    }

    /** In Meta's terms: unique customers per 24 hours, {@code -1} for unlimited. */
    public long announcedValue() {
        return unlimited() ? -1 : uniqueRecipientsPer24h;
    }

    /** As people read it: the number of customers, or {@code unlimited}. */
    public String describe() {
        return unlimited() ? "unlimited" : String.valueOf(uniqueRecipientsPer24h);
    }

    public boolean unlimited() {
        return uniqueRecipientsPer24h == UNLIMITED;
    }

    /** How many more new users may be reached now, given how many were reached in the last 24 hours. */
    public long remaining(long reachedInWindow) {
        return unlimited() ? UNLIMITED : Math.max(0, uniqueRecipientsPer24h - reachedInWindow);
    }

    /** When room frees up again: 24 hours after the oldest send still in the window. */
    public static Instant freesUpAt(Instant oldestInWindow, Instant now) {
        return oldestInWindow == null ? now : oldestInWindow.plus(WINDOW);
    }

    /** The start of the window that ends now. */
    public static Instant windowStart(Instant now) {
        return now.minus(WINDOW);
    }
}
