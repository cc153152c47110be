package ke.co.datacare.whatsapp.command.graph.sandbox;

import ke.co.datacare.whatsapp.api.contact.IdentityType;

import java.util.Locale;
import java.util.UUID;

/**
 * @param recipient       the customer's phone number ({@code to}) or business-scoped user id ({@code recipient})
 * @param pricingCategory {@code service} for free-form replies, else the template's category in lower case
 */
record AcceptedMessage(String phoneNumberId, String wamid, String recipient, String bizOpaqueCallbackData,
                       String pricingCategory) {

    /** Statuses name the customer as the message did: {@code recipient_id} or {@code recipient_user_id}. */
    boolean toPhoneNumber() {
        return IdentityType.of(recipient) == IdentityType.WA_ID;
    }

    /** A message id of the sandbox's, shaped like Meta's ({@code wamid.} and an opaque, unique rest). */
    static String newWamid() {
        return "wamid.SANDBOX" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    }
}
