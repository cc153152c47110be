package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Meta accepted a message of ours that had failed before (recorded right after its {@link OutboundMessageAccepted},
 * which says everything else): what ends the message's retry saga, so that the saga's processor handles only the
 * messages that failed, never every accepted one.
 */
@Revision("1")
public record OutboundMessageAcceptedAfterFailure(ConversationId conversationId, String messageId, int attempt,
                                                  Instant at) {
}
