package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** We gave up sending a message; the failure is final. */
@Revision("1")
public record OutboundMessageAbandoned(ConversationId conversationId, String messageId, String reason, Instant at) {
}
