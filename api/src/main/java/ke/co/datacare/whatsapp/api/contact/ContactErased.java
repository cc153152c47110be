package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The contact's personal data was erased: its data key is gone, so every personal field of its earlier events reads
 * as erased; read models anonymise its rows and those of its conversations ({@code conversationIds}). Names no
 * personal data (the ids are pseudonyms, {@code by} a user id).
 */
@Revision("1")
public record ContactErased(ContactId contactId, List<ConversationId> conversationIds, String reason, String by,
                            Instant at) {
}
