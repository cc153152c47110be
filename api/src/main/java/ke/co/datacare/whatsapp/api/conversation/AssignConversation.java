package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Give the conversation to an agent ({@code by}: see {@link ConversationAssigned}). Refused once resolved. */
public record AssignConversation(@TargetAggregateIdentifier ConversationId conversationId, String agentId, String by,
                                 Instant at) {
}
