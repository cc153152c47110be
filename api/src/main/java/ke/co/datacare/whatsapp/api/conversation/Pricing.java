package ke.co.datacare.whatsapp.api.conversation;

/** Meta's pricing block of a status webhook, when present. */
public record Pricing(Boolean billable, String pricingModel, String category) {
}
