package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;
import java.time.Instant;

/** The contact opted in to marketing messages again. */
@Revision("1")
public record ContactOptedIn(ContactId contactId, String source, Instant at) {
}
