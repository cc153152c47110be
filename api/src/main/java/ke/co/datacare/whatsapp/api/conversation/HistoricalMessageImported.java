package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A message from before the number came to the Cloud API (the WhatsApp Business app's chat history), imported into its
 * conversation: shown in the timeline in its place, never answered, counted or treated as new. {@code status} is
 * Meta's last status of a business message ({@code null} for the customer's); {@code chunk} the history chunk it came
 * in. {@code content} has the shapes of a customer's message ({@code null} once the contact was erased).
 */
@Revision("1")
public record HistoricalMessageImported(@DataSubject ConversationId conversationId, String wamid, boolean fromBusiness,
                                        Instant sentAt, @PersonalData InboundMessage content, String status,
                                        String chunk) {
}
