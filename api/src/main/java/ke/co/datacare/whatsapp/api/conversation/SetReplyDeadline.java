package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record by when {@code agentId} (or, when null, whoever takes the waiting conversation) should answer.
 * Does nothing unless the conversation is held by that agent (or waits for one).
 */
public record SetReplyDeadline(@TargetAggregateIdentifier ConversationId conversationId, String agentId, Instant dueAt,
                               Instant at) {
}
