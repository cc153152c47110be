package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A private note for the team on the conversation; never sent to the customer. */
@Revision("1")
public record NoteAdded(ConversationId conversationId, String noteId, String authorId, String text, Instant at) {
}
