package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Give up sending a message: its failure is final. */

public record AbandonOutboundMessage(@TargetAggregateIdentifier ConversationId conversationId, String messageId, String reason, Instant at) {
}
