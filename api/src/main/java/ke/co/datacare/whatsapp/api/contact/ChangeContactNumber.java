package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The customer told WhatsApp they moved from one phone number to another: reach them at the new one from now on. */
public record ChangeContactNumber(@TargetAggregateIdentifier ContactId contactId, String oldWaId, String newWaId,
                                  Instant at) {
}
