package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A phone number no longer reaches this contact: another customer told WhatsApp it is theirs now. */
public record ReleaseContactNumber(@TargetAggregateIdentifier ContactId contactId, String waId, Instant at) {
}
