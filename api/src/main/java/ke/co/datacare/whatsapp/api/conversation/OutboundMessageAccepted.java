package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Meta accepted our message (not yet delivered) and gave it a wamid, which later statuses refer to. */
@Revision("1")
public record OutboundMessageAccepted(ConversationId conversationId, String messageId, String wamid, Instant at) {
}
