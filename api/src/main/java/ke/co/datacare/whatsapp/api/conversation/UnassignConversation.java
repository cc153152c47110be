package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Take the conversation from its agent; it waits for another one. Refused when nobody holds it. */
public record UnassignConversation(@TargetAggregateIdentifier ConversationId conversationId, String by, Instant at) {
}
