package ke.co.datacare.whatsapp.api.conversation;

/**
 * Meta's pricing block of a status webhook, when present, and the market it is priced in.
 *
 * @param billable     deprecated by Meta, still read: whether the message is charged
 * @param pricingModel {@code PMP} (per message, since July 2025) or {@code CBP} (per conversation, before)
 * @param category     {@code marketing}, {@code utility}, {@code authentication}, {@code service}, ...
 * @param type         {@code regular} (charged), {@code free_customer_service} or {@code free_entry_point}
 * @param market       the recipient's country (ISO 3166 code, e.g. {@code KE}) from their number's calling code;
 *                     Meta prices each message by it; null when the recipient has no phone number
 */
public record Pricing(Boolean billable, String pricingModel, String category, String type, String market) {

    public static final String REGULAR = "regular";

    public Pricing(Boolean billable, String pricingModel, String category) {
        this(billable, pricingModel, category, null, null);
    }

    /** Whether Meta charges the message: {@code type} regular, or, where Meta sent no type, {@code billable}. */
    public boolean charged() {
        return type != null ? REGULAR.equals(type) : Boolean.TRUE.equals(billable);
    }
}
