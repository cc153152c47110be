package ke.co.datacare.whatsapp.api.conversation;

/** The click-to-WhatsApp ad or post a conversation started from. */
public record Referral(String sourceUrl, String sourceId, String sourceType, String headline, String body,
                       String mediaType, String ctwaClid) {
}
