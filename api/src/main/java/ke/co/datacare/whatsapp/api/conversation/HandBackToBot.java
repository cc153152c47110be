package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Give the conversation back to the bot. Refused when it is with the bot already, or resolved. */
public record HandBackToBot(@TargetAggregateIdentifier ConversationId conversationId, String by, Instant at) {
}
