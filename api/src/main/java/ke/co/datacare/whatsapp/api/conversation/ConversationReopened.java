package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A resolved conversation was reopened by a new customer message. */
@Revision("1")
public record ConversationReopened(ConversationId conversationId, Instant at) {
}
