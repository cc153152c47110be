package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Reopen a resolved conversation (with the bot, as a customer message would). Refused unless resolved. */
public record ReopenConversation(@TargetAggregateIdentifier ConversationId conversationId, String by, Instant at) {
}
