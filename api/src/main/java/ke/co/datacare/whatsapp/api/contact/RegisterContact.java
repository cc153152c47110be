package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

/**
 * Register a WhatsApp user seen in a webhook, linking any new identity (phone number, business-scoped user id,
 * parent business-scoped user id) and updating the profile name and username; any of them may be null.
 */
public record RegisterContact(@TargetAggregateIdentifier ContactId contactId, String waId, String userId, String profileName,
                              String username, String parentUserId, Instant seenAt) {

    /** A user seen with a phone number and/or user id and a profile name only (no username, no parent id). */
    public RegisterContact(ContactId contactId, String waId, String userId, String profileName, Instant seenAt) {
        this(contactId, waId, userId, profileName, null, null, seenAt);
    }
}
