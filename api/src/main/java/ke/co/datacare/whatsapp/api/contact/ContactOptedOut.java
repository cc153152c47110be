package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;
import java.time.Instant;

/**
 * The contact opted out of marketing messages: {@code source} is {@code keyword} (they wrote STOP),
 * {@code user_preferences} (Meta's marketing preferences) or {@code agent:<userId>} (changed in the API).
 */
@Revision("1")
public record ContactOptedOut(ContactId contactId, String source, Instant at) {
}
