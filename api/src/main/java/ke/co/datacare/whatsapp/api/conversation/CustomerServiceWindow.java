package ke.co.datacare.whatsapp.api.conversation;

import java.time.Duration;
import java.time.Instant;

/**
 * Meta's 24-hour customer-service window: opened or reset by every message the customer sends.
 * Inside it any message may be sent; outside it only approved templates.
 */
public final class CustomerServiceWindow {

    public static final Duration LENGTH = Duration.ofHours(24);

    private CustomerServiceWindow() {
    }

    public static Instant closesAt(Instant lastCustomerMessageAt) {
        return lastCustomerMessageAt == null ? null : lastCustomerMessageAt.plus(LENGTH);
    }

    public static boolean isOpen(Instant lastCustomerMessageAt, Instant at) {
        return lastCustomerMessageAt != null && at.isBefore(closesAt(lastCustomerMessageAt));
    }
}
