package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;
import java.time.Instant;

/** An identity (phone number or business-scoped user id) was linked to the contact. */
@Revision("1")
public record ContactIdentityLinked(@DataSubject ContactId contactId, IdentityType type, @PersonalData String identity, Instant at) {
}
