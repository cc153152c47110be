package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A custom attribute of the contact was removed, with its value ({@code by}: see {@link ContactTagged}). */
@Revision("1")
public record ContactAttributeRemoved(ContactId contactId, String name, String by, Instant at) {
}
