package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;
import java.time.Instant;

/** A WhatsApp user became a contact; its identities follow as ContactIdentityLinked (until ContactFirstSeen said it all). */
@Revision("1")
public record ContactRegistered(ContactId contactId, Instant at) {
}
