package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A message of ours was accepted for sending; dispatch to Meta follows. */
@Revision("1")
public record OutboundMessageQueued(ConversationId conversationId, ContactId contactId, String phoneNumberId, String messageId, OutboundContent content, String replyToWamid, String sentBy, Instant queuedAt) {
}
