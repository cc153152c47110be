package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record a delivery status of one of our outbound messages. Applied only if it moves the status forward. */
public record RecordDeliveryStatus(@TargetAggregateIdentifier ConversationId conversationId, ContactId contactId,
                                   String phoneNumberId, String wamid, DeliveryStatus status, Instant at,
                                   Integer errorCode, String errorTitle, String errorDetails, String errorClass, Pricing pricing) {
}
