package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer removed their reaction from a message. */
@Revision("1")
public record ReactionRemoved(ConversationId conversationId, String wamid, Instant sentAt, String targetWamid) implements InboundMessageEvent {
}
