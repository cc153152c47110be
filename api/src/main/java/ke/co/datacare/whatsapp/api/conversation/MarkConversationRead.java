package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Show the customer that their latest message was read (blue ticks), and with {@code typing} that an answer is
 * being written. Refused when the customer has not written yet; marking what is already read does nothing.
 */
public record MarkConversationRead(@TargetAggregateIdentifier ConversationId conversationId, boolean typing, String by,
                                   Instant at) {
}
