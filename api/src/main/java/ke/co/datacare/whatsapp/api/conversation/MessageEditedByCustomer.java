package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer edited a message they had sent. */
@Revision("1")
public record MessageEditedByCustomer(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, String originalWamid, @PersonalData String newText, @PersonalData String rawJson) implements InboundMessageEvent {
}
