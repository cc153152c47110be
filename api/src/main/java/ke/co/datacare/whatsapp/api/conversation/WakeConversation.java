package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The snooze that ends at {@code until} is over. Does nothing if the conversation was woken or snoozed again since. */
public record WakeConversation(@TargetAggregateIdentifier ConversationId conversationId, Instant until, Instant at) {
}
