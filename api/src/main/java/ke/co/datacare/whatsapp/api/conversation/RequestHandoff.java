package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The bot gives up the conversation to people. Does nothing unless the conversation is with the bot. */
public record RequestHandoff(@TargetAggregateIdentifier ConversationId conversationId, String reason, Instant at) {
}
