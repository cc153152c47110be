package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The agent {@code agentId} no longer holds the conversation; it waits for another agent. */
@Revision("1")
public record ConversationUnassigned(ConversationId conversationId, String agentId, String by, Instant at) {
}
