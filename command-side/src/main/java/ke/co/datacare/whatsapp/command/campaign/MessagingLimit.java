package ke.co.datacare.whatsapp.command.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Meta's messaging limit as a policy: how many unique users business-initiated (template) messages may reach in a
 * rolling 24 hours, by tier: 250, 2,000, 10,000, 100,000 or unlimited. A user already reached in the last 24 hours
 * costs nothing more; a campaign larger than what is left waits until the oldest of them leaves the window.
 */
record MessagingLimit(long uniqueRecipientsPer24h) {

    static final Duration WINDOW = Duration.ofHours(24);
    static final long UNLIMITED = Long.MAX_VALUE;

    static MessagingLimit parse(String tier) {
        String value = tier == null ? "" : tier.trim().replace(",", "").replace("_", "").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "250", "tier250" -> new MessagingLimit(250);
            case "2000", "2k", "tier2k" -> new MessagingLimit(2_000);
            case "10000", "10k", "tier10k" -> new MessagingLimit(10_000);
            case "100000", "100k", "tier100k" -> new MessagingLimit(100_000);
            case "unlimited", "tierunlimited" -> new MessagingLimit(UNLIMITED);
            default -> throw new IllegalArgumentException("datacare.campaigns.messaging-limit must be one of 250, 2000, "
                    + "10000, 100000 or unlimited, not '" + tier + "'");
        };
    }

    /** As Meta announces it in webhooks: unique customers per 24 hours, {@code -1} for unlimited. */
    static MessagingLimit announced(long uniqueCustomersPer24h) {
        return new MessagingLimit(uniqueCustomersPer24h < 0 ? UNLIMITED : uniqueCustomersPer24h);
    }

    boolean unlimited() {
        return uniqueRecipientsPer24h == UNLIMITED;
    }

    /** How many more new users may be reached now, given how many were reached in the last 24 hours. */
    long remaining(long reachedInWindow) {
        return unlimited() ? UNLIMITED : Math.max(0, uniqueRecipientsPer24h - reachedInWindow);
    }

    /** When room frees up again: 24 hours after the oldest send still in the window. */
    static Instant freesUpAt(Instant oldestInWindow, Instant now) {
        return oldestInWindow == null ? now : oldestInWindow.plus(WINDOW);
    }

    /** The start of the window that ends now. */
    static Instant windowStart(Instant now) {
        return now.minus(WINDOW);
    }
}
