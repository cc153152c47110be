package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An identity no longer belongs to the contact: the customer moved to another phone number (Meta's
 * {@code user_changed_number}), so the old number may be given to somebody else, who then becomes a contact of
 * their own.
 */
@Revision("1")
public record ContactIdentityReleased(@DataSubject ContactId contactId, IdentityType type, @PersonalData String identity,
                                      Instant at) {
}
