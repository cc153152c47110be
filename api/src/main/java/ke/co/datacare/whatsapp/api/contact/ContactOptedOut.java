package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;
import java.time.Instant;

/** The contact opted out of marketing messages (by writing STOP, or by Meta's user preferences). */
@Revision("1")
public record ContactOptedOut(ContactId contactId, String source, Instant at) {
}
