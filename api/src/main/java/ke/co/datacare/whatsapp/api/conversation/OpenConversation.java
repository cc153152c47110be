package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Make sure the conversation with a contact exists before we write to them first (a template). Idempotent. */
public record OpenConversation(@TargetAggregateIdentifier ConversationId conversationId, ContactId contactId,
                               String phoneNumberId, Instant at) {
}
