package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Try to send a message again after a transient failure. */

public record RetryOutboundMessage(@TargetAggregateIdentifier ConversationId conversationId, String messageId, int attempt, Instant at) {
}
