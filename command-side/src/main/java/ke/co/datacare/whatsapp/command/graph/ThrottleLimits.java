package ke.co.datacare.whatsapp.command.graph;

import java.time.Duration;
import java.util.Map;

/**
 * @param messagesPerSecond          Meta's throughput of a business number, unless it has its own
 * @param windowMargin               added to every second of the per-number rate, so that the jitter between taking a
 *                                   permit and Meta counting the request cannot push one message more than the limit
 *                                   into a one-second window
 * @param messagesPerSecondByNumber  the numbers whose throughput differs from {@code messagesPerSecond}, by id
 */
public record ThrottleLimits(int messagesPerSecond, double reservedShareForConversations, int pairBurst,
                             Duration pairRefill, Duration windowMargin, Map<String, Integer> messagesPerSecondByNumber) {

    static final Duration DEFAULT_WINDOW_MARGIN = Duration.ofMillis(20);

    public ThrottleLimits {
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException("messagesPerSecond must be at least 1");
        }
        if (reservedShareForConversations < 0 || reservedShareForConversations >= 1) {
            throw new IllegalArgumentException("reservedShareForConversations must be in [0, 1)");
        }
        messagesPerSecondByNumber = Map.copyOf(messagesPerSecondByNumber);
        if (messagesPerSecondByNumber.values().stream().anyMatch(rate -> rate < 1)) {
            throw new IllegalArgumentException("every number's messagesPerSecond must be at least 1");
        }
    }

    /** The same throughput for every number. */
    public ThrottleLimits(int messagesPerSecond, double reservedShareForConversations, int pairBurst,
                          Duration pairRefill, Duration windowMargin) {
        this(messagesPerSecond, reservedShareForConversations, pairBurst, pairRefill, windowMargin, Map.of());
    }

    public static ThrottleLimits from(GraphApiProperties properties, BusinessNumberProperties numbers) {
        return new ThrottleLimits(properties.messagesPerSecond(), properties.reservedShareForConversations(),
                properties.pairBurst(), properties.pairRefill(), DEFAULT_WINDOW_MARGIN, numbers.messagesPerSecond());
    }

    /** Meta's throughput of the business number {@code phoneNumberId}. */
    public int messagesPerSecond(String phoneNumberId) {
        return messagesPerSecondByNumber.getOrDefault(phoneNumberId, messagesPerSecond);
    }

    /** The rate campaigns are guaranteed on a number at the default throughput. */
    int campaignMessagesPerSecond() {
        return campaignMessagesPerSecond(messagesPerSecond);
    }

    /** The rate campaigns are guaranteed on a number of {@code perSecond}: what the conversations' share leaves. */
    int campaignMessagesPerSecond(int perSecond) {
        return Math.max(1, (int) Math.floor(perSecond * (1 - reservedShareForConversations)));
    }
}
