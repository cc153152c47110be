package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

/** Register a WhatsApp user seen in a webhook, linking any new identity and updating the profile name. */

public record RegisterContact(@TargetAggregateIdentifier ContactId contactId, String waId, String userId, String profileName, Instant seenAt) {
}
