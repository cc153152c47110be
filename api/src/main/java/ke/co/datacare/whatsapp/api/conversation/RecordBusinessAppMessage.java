package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record a message the business sent from the WhatsApp Business app on our number (Meta's {@code smb_message_echoes},
 * coexistence). The content has the shapes of a customer's message. Idempotent per {@code wamid}.
 */
public record RecordBusinessAppMessage(@TargetAggregateIdentifier ConversationId conversationId, ContactId contactId,
                                       String phoneNumberId, String wamid, Instant sentAt, InboundMessage content) {
}
