package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Close the conversation's current episode. Refused when already resolved. */
public record ResolveConversation(@TargetAggregateIdentifier ConversationId conversationId, String by, Instant at) {
}
