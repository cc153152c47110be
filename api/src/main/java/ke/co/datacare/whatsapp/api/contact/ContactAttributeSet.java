package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A custom attribute of the contact got a value (new, or different from the one it had); {@code by}: see
 * {@link ContactTagged}.
 */
@Revision("1")
public record ContactAttributeSet(@DataSubject ContactId contactId, String name, @PersonalData String value, String by, Instant at) {
}
