package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer's matter is settled; the next customer message reopens the conversation with the bot. */
@Revision("1")
public record ConversationResolved(ConversationId conversationId, String by, Instant at) {
}
