package ke.co.datacare.whatsapp.command.graph.sandbox;

/**
 * @param pricingCategory {@code service} for free-form replies, else the template's category in lower case
 */
record AcceptedMessage(String phoneNumberId, String wamid, String recipientWaId, String bizOpaqueCallbackData,
                       String pricingCategory) {
}
