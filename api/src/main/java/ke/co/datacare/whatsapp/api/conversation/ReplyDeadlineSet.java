package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The customer should hear from a person by {@code dueAt}: from {@code agentId}, or from whoever is assigned
 * when {@code agentId} is null (the conversation still waits for an agent).
 */
@Revision("1")
public record ReplyDeadlineSet(ConversationId conversationId, String agentId, Instant dueAt, Instant at) {
}
