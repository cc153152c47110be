package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Nobody answered by {@code dueAt}: give the conversation to {@code nextAgentId}, or escalate it to the admins
 * when that is null. {@code overdueAgentId} is who held it (null: it was waiting). Does nothing when the
 * conversation has moved on meanwhile (another agent, back with the bot, snoozed, resolved).
 */
public record ReassignOverdueConversation(@TargetAggregateIdentifier ConversationId conversationId,
                                          String overdueAgentId, Instant dueAt, String nextAgentId, Instant at) {
}
