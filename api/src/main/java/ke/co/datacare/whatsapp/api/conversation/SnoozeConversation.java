package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Put the conversation aside until {@code until} (after {@code at}). Refused once resolved. */
public record SnoozeConversation(@TargetAggregateIdentifier ConversationId conversationId, Instant until, String by,
                                 Instant at) {
}
