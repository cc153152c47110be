package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer reacted to a message with an emoji. */
@Revision("1")
public record ReactionAdded(ConversationId conversationId, String wamid, Instant sentAt, String targetWamid, String emoji) implements InboundMessageEvent {
}
