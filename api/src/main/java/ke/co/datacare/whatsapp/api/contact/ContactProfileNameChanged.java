package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;
import java.time.Instant;

/** The contact's WhatsApp profile name changed. */
@Revision("1")
public record ContactProfileNameChanged(@DataSubject ContactId contactId, @PersonalData String profileName, Instant at) {
}
