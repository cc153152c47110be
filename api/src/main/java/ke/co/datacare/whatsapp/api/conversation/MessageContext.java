package ke.co.datacare.whatsapp.api.conversation;

/**
 * Meta's optional {@code context} of an inbound message: a reply to an earlier message, a forward
 * marker, or a product the customer asked about.
 */
public record MessageContext(String replyToWamid, boolean forwarded, boolean frequentlyForwarded,
                             String referredCatalogId, String referredProductRetailerId) {
}
