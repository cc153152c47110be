package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that a send attempt failed, with Meta's error and its classification. */

public record RecordSendFailure(@TargetAggregateIdentifier ConversationId conversationId, String messageId, int attempt, Integer errorCode, String errorTitle, String errorDetails, String errorClass, Instant at) {
}
