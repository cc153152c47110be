package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;
import java.time.Instant;

/**
 * The contact opted in to marketing messages again: {@code source} as for {@link ContactOptedOut} ({@code keyword} when
 * they wrote START); {@code reason} is why an admin opted them back in (null for the customer's own START or
 * preferences, and in events of revision 1, which had no reason).
 */
@Revision("2")
public record ContactOptedIn(ContactId contactId, String source, Instant at, String reason) {
}
