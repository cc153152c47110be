package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Put aside until {@code until}, or until the customer writes again, whichever comes first. */
@Revision("1")
public record ConversationSnoozed(ConversationId conversationId, Instant until, String by, Instant at) {
}
