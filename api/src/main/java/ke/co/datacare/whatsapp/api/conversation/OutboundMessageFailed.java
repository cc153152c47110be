package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Meta reported that our message could not be delivered. */
@Revision("1")
public record OutboundMessageFailed(ConversationId conversationId, String wamid, String messageId, Instant at, Integer errorCode, String errorTitle, String errorDetails, String errorClass) {
}
