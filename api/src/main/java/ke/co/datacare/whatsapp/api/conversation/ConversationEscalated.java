package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The admins must step in: no other agent was available to take over. {@code agentId} is the agent who
 * held the conversation, null if it was still waiting for one.
 */
@Revision("1")
public record ConversationEscalated(ConversationId conversationId, String agentId, String reason, Instant at) {
}
