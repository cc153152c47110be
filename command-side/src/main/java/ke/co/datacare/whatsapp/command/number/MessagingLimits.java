package ke.co.datacare.whatsapp.command.number;

/**
 * The messaging limit in force: the one Meta announced last, else the configured tier
 * ({@code datacare.campaigns.messaging-limit}), which is only the value until Meta announces one. Campaigns admit
 * recipients by it and {@code GET /api/numbers} shows it.
 */
public final class MessagingLimits {

    public enum Source { CONFIGURED, META }

    /** The limit in force, where it comes from, and Meta's announcement if there is one. */
    public record InForce(MessagingLimit limit, Source source, NumberHealth.AnnouncedLimit announced) {
    }

    private final NumberHealth health;
    private final MessagingLimit configured;

    public MessagingLimits(NumberHealth health, MessagingLimit configured) {
        this.health = health;
        this.configured = configured;
    }

    public InForce inForce() {
        return health.announcedLimit()
                .map(announced -> new InForce(MessagingLimit.announced(announced.uniqueCustomersPer24h()), Source.META,
                        announced))
                .orElseGet(() -> new InForce(configured, Source.CONFIGURED, null));
    }

    public MessagingLimit configured() {
        return configured;
    }
}
