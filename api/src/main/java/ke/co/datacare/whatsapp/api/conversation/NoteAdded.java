package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A private note for the team on the conversation; never sent to the customer. */
@Revision("1")
public record NoteAdded(@DataSubject ConversationId conversationId, String noteId, String authorId, @PersonalData String text, Instant at) {
}
