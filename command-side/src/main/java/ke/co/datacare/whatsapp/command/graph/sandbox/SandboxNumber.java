package ke.co.datacare.whatsapp.command.graph.sandbox;

/**
 * The sandbox number's health as Meta would show it: its quality rating and the business portfolio's messaging
 * limit, changed by simulated quality updates; a fresh number starts GREEN at {@code TIER_1K} and throughput level
 * {@code STANDARD} (80 messages per second), and a {@code THROUGHPUT_UPGRADE} lists it {@code HIGH} (1,000).
 */
final class SandboxNumber {

    /** The number's health at one moment. */
    record Health(String qualityRating, String messagingLimitTier, String throughputLevel) {
    }

    private Health health = new Health("GREEN", "TIER_1K", "STANDARD");

    synchronized Health health() {
        return health;
    }

    /** Applies Meta's event and answers the health before it. */
    synchronized Health apply(String event, String currentLimit) {
        Health before = health;
        String quality = switch (event) {
            case "FLAGGED" -> "RED";
            case "UNFLAGGED" -> "GREEN";
            default -> before.qualityRating();
        };
        String throughput = event.equals("THROUGHPUT_UPGRADE") ? "HIGH" : before.throughputLevel();
        health = new Health(quality, currentLimit == null ? before.messagingLimitTier() : currentLimit, throughput);
        return before;
    }
}
