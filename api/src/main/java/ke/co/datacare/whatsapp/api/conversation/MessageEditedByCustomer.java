package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer edited a message they had sent. */
@Revision("1")
public record MessageEditedByCustomer(ConversationId conversationId, String wamid, Instant sentAt, String originalWamid, String newText, String rawJson) implements InboundMessageEvent {
}
