package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Erase the contact's personal data (the subject's right to erasure); {@code reason} must name no personal data. */
public record EraseContact(@TargetAggregateIdentifier ContactId contactId, List<ConversationId> conversationIds,
                           String reason, String by, Instant at) {
}
