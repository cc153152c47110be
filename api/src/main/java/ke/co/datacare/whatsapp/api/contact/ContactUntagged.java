package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A tag was taken off the contact ({@code by}: see {@link ContactTagged}). */
@Revision("1")
public record ContactUntagged(ContactId contactId, String tag, String by, Instant at) {
}
