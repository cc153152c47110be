package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;
import java.time.Instant;

/**
 * A WhatsApp user became a contact, with the identities and the profile name it was first seen with (each
 * {@code null} when the webhook did not carry it): what {@link ContactRegistered}, {@link ContactIdentityLinked} and
 * {@link ContactProfileNameChanged} said together, in one event. Later changes still come as those events.
 */
@Revision("1")
public record ContactFirstSeen(@DataSubject ContactId contactId, @PersonalData String waId, @PersonalData String userId,
                               @PersonalData String profileName, Instant at) {
}
