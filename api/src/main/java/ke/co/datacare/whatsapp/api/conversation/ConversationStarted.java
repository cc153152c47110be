package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A conversation thread between our business number and a contact began. */
@Revision("1")
public record ConversationStarted(ConversationId conversationId, ContactId contactId, String phoneNumberId, Instant startedAt) {
}
