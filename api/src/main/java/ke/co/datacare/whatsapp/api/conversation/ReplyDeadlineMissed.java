package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Nobody answered the customer by {@code dueAt}: {@code agentId} held the conversation, or it was still
 * waiting for an agent ({@code agentId} null). A reassignment or an escalation follows.
 */
@Revision("1")
public record ReplyDeadlineMissed(ConversationId conversationId, String agentId, Instant dueAt, Instant at) {
}
