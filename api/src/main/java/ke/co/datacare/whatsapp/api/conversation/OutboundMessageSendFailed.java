package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A send attempt failed; {@code errorClass} says whether and how it may be retried. */
@Revision("1")
public record OutboundMessageSendFailed(ConversationId conversationId, String messageId, int attempt, Integer errorCode, String errorTitle, String errorDetails, String errorClass, Instant at) {
}
