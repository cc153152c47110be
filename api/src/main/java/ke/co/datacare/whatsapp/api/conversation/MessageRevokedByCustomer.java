package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer deleted a message they had sent. */
@Revision("1")
public record MessageRevokedByCustomer(ConversationId conversationId, String wamid, Instant sentAt, String originalWamid) implements InboundMessageEvent {
}
