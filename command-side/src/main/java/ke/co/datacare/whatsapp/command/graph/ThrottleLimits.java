package ke.co.datacare.whatsapp.command.graph;

import java.time.Duration;

/**
 * @param windowMargin added to every second of the per-number rate, so that the jitter between taking a permit
 *                     and Meta counting the request cannot push one message more than the limit into a one-second
 *                     window
 */
public record ThrottleLimits(int messagesPerSecond, double reservedShareForConversations, int pairBurst,
                             Duration pairRefill, Duration windowMargin) {

    static final Duration DEFAULT_WINDOW_MARGIN = Duration.ofMillis(20);

    public ThrottleLimits {
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException("messagesPerSecond must be at least 1");
        }
        if (reservedShareForConversations < 0 || reservedShareForConversations >= 1) {
            throw new IllegalArgumentException("reservedShareForConversations must be in [0, 1)");
        }
    }

    public static ThrottleLimits from(GraphApiProperties properties) {
        return new ThrottleLimits(properties.messagesPerSecond(), properties.reservedShareForConversations(),
                properties.pairBurst(), properties.pairRefill(), DEFAULT_WINDOW_MARGIN);
    }

    int campaignMessagesPerSecond() {
        return Math.max(1, (int) Math.floor(messagesPerSecond * (1 - reservedShareForConversations)));
    }
}
