package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Give a conversation that waits for an agent to the one the assignment policy chose ({@code by}: {@code handoff}).
 * Does nothing when it no longer waits (someone took it meanwhile, it went back to the bot, ...).
 */
public record AssignWaitingConversation(@TargetAggregateIdentifier ConversationId conversationId, String agentId,
                                        String by, Instant at) {
}
