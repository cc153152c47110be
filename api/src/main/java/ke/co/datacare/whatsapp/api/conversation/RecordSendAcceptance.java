package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that Meta accepted one of our messages under its wamid. */

public record RecordSendAcceptance(@TargetAggregateIdentifier ConversationId conversationId, String messageId, String wamid, Instant at) {
}
