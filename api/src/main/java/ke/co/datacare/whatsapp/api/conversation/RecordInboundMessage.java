package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record a message a customer sent, as delivered by Meta's webhook. Idempotent per {@code wamid}. */
public record RecordInboundMessage(@TargetAggregateIdentifier ConversationId conversationId, ContactId contactId,
                                   String phoneNumberId, String wamid, Instant sentAt, InboundMessage message,
                                   MessageContext context, Referral referral) {
}
