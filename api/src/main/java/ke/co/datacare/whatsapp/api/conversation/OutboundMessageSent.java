package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Meta reported our message as sent. */
@Revision("1")
public record OutboundMessageSent(ConversationId conversationId, String wamid, String messageId, Instant at, Pricing pricing) {
}
