package ke.co.datacare.whatsapp.command.graph.sandbox;

/**
 * The sandbox number's health as Meta would show it: its quality rating and the business portfolio's messaging
 * limit, changed by simulated quality updates; a fresh number starts GREEN at {@code TIER_1K}.
 */
final class SandboxNumber {

    /** The number's health at one moment. */
    record Health(String qualityRating, String messagingLimitTier) {
    }

    private Health health = new Health("GREEN", "TIER_1K");

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
        health = new Health(quality, currentLimit == null ? before.messagingLimitTier() : currentLimit);
        return before;
    }
}
