package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Staff sent this message from the WhatsApp Business app on our number (coexistence): it is the business's answer as
 * much as an agent's, but it neither opens nor extends the customer-service window and the bot does not hear it.
 * {@code content} has the shapes of a customer's message ({@code null} once the contact was erased).
 */
@Revision("1")
public record BusinessAppMessageSent(@DataSubject ConversationId conversationId, String wamid, Instant sentAt,
                                     @PersonalData InboundMessage content) {
}
