package ke.co.datacare.whatsapp.api.conversation;

import java.util.Locale;
import java.util.Optional;

/**
 * Meta's delivery statuses of our outbound messages, ordered: sent < delivered < read < played.
 * {@code failed} is terminal and is never replaced by a later progress status.
 */
public enum DeliveryStatus {
    SENT(1), DELIVERED(2), READ(3), PLAYED(4), FAILED(0);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** Whether this status, arriving when {@code current} is known, changes anything. */
    public boolean supersedes(DeliveryStatus current) {
        if (current == null) {
            return true;
        }
        if (current == FAILED) {
            return false;
        }
        if (this == FAILED) {
            return current.rank < DELIVERED.rank;
        }
        return rank > current.rank;
    }

    public static Optional<DeliveryStatus> fromMeta(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
