package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact got a tag (normalised: trimmed, lower case). {@code by} is {@code agent:<userId>} for an edit in the
 * API, {@code import:<userId>} for a CSV import.
 */
@Revision("1")
public record ContactTagged(ContactId contactId, String tag, String by, Instant at) {
}
