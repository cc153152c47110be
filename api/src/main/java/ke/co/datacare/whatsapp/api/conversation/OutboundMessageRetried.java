package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A message is sent again after a transient failure. */
@Revision("1")
public record OutboundMessageRetried(ConversationId conversationId, String messageId, int attempt, Instant at) {
}
